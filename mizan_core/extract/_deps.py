"""Which modules a cached result was computed from.

Every module load during a computation is recorded on all open recordings,
so a result (a module's functions, a model, a class's kind) knows every file
it read, including through imports and base classes. When a file changes,
only the results whose recording contains it are recomputed: this is what
keeps a keystroke in one file from re-resolving the whole project.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .facts import ModuleFacts

__all__ = ["DepTracker"]


class DepTracker:
    def __init__(self, load: Callable[[str], ModuleFacts | None]) -> None:
        self._load = load
        self._stack: list[set[str]] = []
        self._deps: dict[str, frozenset[str]] = {}
        # module -> the keys whose recording holds it: a keystroke's `forget`
        # looks at what read the edited module, not at every key
        self._users: dict[str, set[str]] = {}

    def load(self, module: str) -> ModuleFacts | None:
        for deps in self._stack:
            deps.add(module)
        return self._load(module)

    @contextmanager
    def recording(self, key: str | None = None) -> Iterator[set[str]]:
        deps: set[str] = set()
        self._stack.append(deps)
        try:
            yield deps
        finally:
            self._stack.pop()
            if key is not None:
                self._drop(key)
                self._deps[key] = frozenset(deps)
                for module in deps:
                    self._users.setdefault(module, set()).add(key)

    def replay(self, key: str) -> None:
        """A cached result is used: its dependencies become the user's."""
        deps = self._deps.get(key, ())
        for open_deps in self._stack:
            open_deps.update(deps)

    def forget(self, module: str) -> list[str]:
        """Keys computed from `module`: dropped here, returned for the caller to drop."""
        stale = sorted(self._users.pop(module, ()))
        for key in stale:
            self._drop(key)
        return stale

    def _drop(self, key: str) -> None:
        for module in self._deps.pop(key, ()):
            users = self._users.get(module)
            if users is not None:
                users.discard(key)
