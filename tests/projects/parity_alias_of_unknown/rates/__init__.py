"""Fixture: type aliases of types Mizan cannot read, used inside containers."""
