"""Imports the other modules so that all their register() calls run."""

from . import aliased, core_direct, modimport, reexported, registrypath, relative, seedpaths  # noqa: F401
