"""Fixtures shared by every test area (see each module's docstring)."""

pytest_plugins = ["tests.fixtures.redis"]
