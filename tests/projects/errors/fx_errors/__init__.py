"""Fixture: every diagnostic of the catalogue (not importable: it is wrong on purpose)."""
