"""Fixtures shared by every test area (see each module's docstring)."""

pytest_plugins = ["tests.fixtures.redis"]

# The browser tests need a built frontend and Chromium: `make e2e` runs them.
collect_ignore = ["e2e"]
