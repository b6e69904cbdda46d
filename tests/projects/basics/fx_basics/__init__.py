"""Fixture: every @client parameter in its plainest form."""
