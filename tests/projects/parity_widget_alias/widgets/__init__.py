"""Fixture: a widget class imported under another name."""
