"""Mizan's framework-free core.

Everything here works without Django, mypy or pygls: the ``@client`` decorator
and its metadata, the registry of public names, and (in subpackages) the IR,
the static extractor, the rules and the code generators. ``mizan_django``
re-exports :func:`client` and :func:`register` from here, so the runtime and
the static tools share one definition of what a server function is.
"""

from __future__ import annotations

from mizan_core.client import ClientDecorator, ClientMeta, ServerFunction, client
from mizan_core.errors import MizanDuplicateError, MizanError, MizanSetupError
from mizan_core.registry import Registry, RegistryEntry, default_registry, register

__all__ = [
    "ClientDecorator",
    "ClientMeta",
    "MizanDuplicateError",
    "MizanError",
    "MizanSetupError",
    "Registry",
    "RegistryEntry",
    "ServerFunction",
    "client",
    "default_registry",
    "register",
]
