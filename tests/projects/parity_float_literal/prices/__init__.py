"""Fixture: a float `Literal` value and float/list enum member values, which
Mizan cannot read from source."""
