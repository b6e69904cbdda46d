"""Fixture: enum members whose values Python computes (a float in a `str` or
`int` enum, `auto()` after a float, Django choices with labels)."""
