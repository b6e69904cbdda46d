"""Fixture: `async def` server functions, which the runtime refuses when the
module is imported (here caught, so the rest of the app still serves)."""
