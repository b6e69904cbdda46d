"""Fixture: a package `__init__` importing a name from its own submodule of
that name (`from .kind import kind`), so `shop.kinds.kind` is the alias,
not the module."""
