"""The registry: the only way a public name reaches a server function.

Why it exists: the runtime dispatches a client-supplied name through this
table and nothing else (a name is a key, never a path to import or an
attribute to look up). A ``@client`` function that is never registered is not
served. Forms and channels claim public names too, so every claim goes through
one table and a clash between a function, a form and a channel is caught when
the second one is declared (``mizan-duplicate``), not when a request arrives.

Names are identifiers joined by dots (``echo``, ``contact.submit``): they
appear in URLs (``POST <base>/call/<name>``) and become TypeScript names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, cast

from mizan_core.client import ServerFunction, describe
from mizan_core.errors import MizanDuplicateError, MizanSetupError

__all__ = [
    "EntryKind",
    "Registry",
    "RegistryEntry",
    "default_registry",
    "register",
    "validate_name",
]


#: What claimed a name: a server function, a form or a websocket channel.
EntryKind = Literal["function", "form", "channel"]

# A pattern, compiled (and cached by `re`) on the first registration: the
# static tools import this module and never register.
_NAME = r"(?a)[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*"


def validate_name(name: object) -> str:
    """Return ``name`` if it is a valid public name, else raise MizanSetupError."""
    if not isinstance(name, str) or not re.fullmatch(_NAME, name):
        raise MizanSetupError(
            "a registered name must be identifiers (letters, digits, '_') joined by dots, "
            f"such as 'echo' or 'contact.submit'; got {name!r}."
        )
    return name


@dataclass(frozen=True, slots=True)
class RegistryEntry:
    """One claimed public name: who owns it and what it is."""

    name: str
    kind: EntryKind
    target: object

    @property
    def owner(self) -> str:
        """``module.qualname`` of the target, as used in error messages."""
        if isinstance(self.target, ServerFunction):
            return self.target.qualified_name
        return describe(self.target)


class Registry:
    """Public names of server functions, forms and channels.

    ``get``, ``in``, ``items`` and ``names`` see server functions only (what
    the RPC endpoint may dispatch to); ``entry`` and ``entries`` see every
    claimed name, whatever its kind.
    """

    def __init__(self) -> None:
        self._entries: dict[str, RegistryEntry] = {}
        self._generation = 0

    @property
    def generation(self) -> int:
        """Changes whenever a name is claimed or released: lets callers cache
        what they derive from the registry (the runtime's invalidation graph)."""
        return self._generation

    def register(self, fn: ServerFunction[..., Any], name: str) -> None:
        """Expose ``fn`` under ``name``.

        Registering the same function under the same name again is a no-op,
        and so is registering a re-imported copy of it (same module and
        qualified name; the newer object replaces the older one). Any other
        claim on a taken name raises :class:`MizanDuplicateError`.
        """
        if not isinstance(fn, ServerFunction):
            raise MizanSetupError(_not_a_server_function(fn, name))
        self._claim(validate_name(name), "function", fn)
        fn._add_registered_name(name)

    def reserve(self, name: str, target: object, *, kind: EntryKind) -> RegistryEntry:
        """Claim ``name`` for a form or a channel (``target`` is its class)."""
        if kind not in ("function", "form", "channel"):
            raise MizanSetupError(f"unknown registry entry kind {kind!r}.")
        if kind == "function" and not isinstance(target, ServerFunction):
            raise MizanSetupError(_not_a_server_function(target, name))
        return self._claim(validate_name(name), kind, target)

    def get(self, name: str) -> ServerFunction[..., Any] | None:
        """The server function registered under ``name``, or None."""
        entry = self._entries.get(name)
        if entry is None or not isinstance(entry.target, ServerFunction):
            return None
        return cast("ServerFunction[..., Any]", entry.target)

    def entry(self, name: str) -> RegistryEntry | None:
        """Whatever claimed ``name`` (function, form or channel), or None."""
        return self._entries.get(name)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def items(self) -> list[tuple[str, ServerFunction[..., Any]]]:
        """Registered server functions as ``(name, function)``, sorted by name."""
        found: list[tuple[str, ServerFunction[..., Any]]] = []
        for entry in self.entries():
            function = self.get(entry.name)
            if function is not None:
                found.append((entry.name, function))
        return found

    def names(self) -> list[str]:
        """Names of the registered server functions, sorted."""
        return [name for name, _ in self.items()]

    def entries(self) -> list[RegistryEntry]:
        """Every claimed name, sorted by name."""
        return [self._entries[name] for name in sorted(self._entries)]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        return len(self.items())

    def unregister(self, name: str) -> RegistryEntry | None:
        """Release ``name`` and return what held it (for tests and tooling)."""
        entry = self._entries.pop(name, None)
        self._generation += 1
        if entry is not None and isinstance(entry.target, ServerFunction):
            function = cast("ServerFunction[..., Any]", entry.target)
            function.registered_names = tuple(n for n in function.registered_names if n != name)
        return entry

    def clear(self) -> None:
        """Forget everything (for tests)."""
        for name in list(self._entries):
            _ = self.unregister(name)

    def _claim(self, name: str, kind: EntryKind, target: object) -> RegistryEntry:
        new = RegistryEntry(name=name, kind=kind, target=target)
        old = self._entries.get(name)
        if old is not None and not _same_declaration(old, new):
            raise MizanDuplicateError(
                f"the name {name!r} is registered twice: by {old.kind} {old.owner} and by "
                f"{kind} {new.owner}. Give one of them another name."
            )
        self._entries[name] = new
        self._generation += 1
        return new

    def __repr__(self) -> str:
        return f"<Registry {len(self._entries)} names>"


def _same_declaration(old: RegistryEntry, new: RegistryEntry) -> bool:
    """True for the same object, or a re-imported copy of it (same module.qualname)."""
    if old.kind != new.kind:
        return False
    if old.target is new.target:
        return True
    return old.owner == new.owner and not old.owner.startswith("<") and "<locals>" not in old.owner


def _not_a_server_function(fn: object, name: object) -> str:
    if isinstance(fn, str):
        return (
            f"register(fn, name) takes the function first, then its name; got the string {fn!r} "
            f"as fn and {name!r} as name."
        )
    if callable(fn):
        return f"register(fn, {name!r}): {describe(fn)} is not decorated with @client; decorate it."
    return f"register(fn, {name!r}) expects a @client function; got {type(fn).__name__} {fn!r}."


#: The process-wide registry that ``register()`` uses by default and the
#: Django runtime serves.
default_registry = Registry()


def register(
    fn: ServerFunction[..., Any], name: str, registry: Registry | None = None
) -> None:
    """Expose a ``@client`` function under a public name.

    It returns nothing, so that the statement ``register(fn, "name")`` is the
    whole usage (a checker's unused-result rule has nothing to report) and
    the module-level statement is what the static tools read.

    ``registry`` defaults to :data:`default_registry`.
    """
    (default_registry if registry is None else registry).register(fn, name)
