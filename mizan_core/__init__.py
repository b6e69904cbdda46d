"""Mizan's framework-free core.

Everything here works without Django, mypy or pygls: the ``@client`` decorator
and its metadata, the registry of public names, and (in subpackages) the IR,
the static extractor, the rules and the code generators. ``mizan_django``
re-exports :func:`client` and :func:`register` from here, so the runtime and
the static tools share one definition of what a server function is.

The names below load with their module on first use: the static tools (the
mypy plugin above all, which every mypy run imports) reach ``mizan_core``'s
subpackages without paying for the decorator and the registry.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_HOME = {
    "ClientDecorator": "client", "ClientMeta": "client", "ServerFunction": "client", "client": "client",
    "MizanDuplicateError": "errors", "MizanError": "errors", "MizanSetupError": "errors",
    "Registry": "registry", "RegistryEntry": "registry", "default_registry": "registry",
    "register": "registry",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'mizan_core' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"mizan_core.{home}"), name)
    globals()[name] = value  # asked once: later lookups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Core(ModuleType):
    """``mizan_core.client`` names the decorator, never its module: importing
    the submodule first (``from mizan_core.client import ClientMeta``) makes
    the import system bind the module to the package's attribute, which
    ``from mizan_core import client`` would then return."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "client" and isinstance(value, ModuleType):
            value = value.client
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Core
