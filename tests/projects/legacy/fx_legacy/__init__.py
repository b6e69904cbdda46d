"""Fixture: the original system's `mizan.*` import paths (static only: there
is no `mizan` package to import at run time)."""
