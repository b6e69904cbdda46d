"""Fixture: one union written in two orders in two functions."""
