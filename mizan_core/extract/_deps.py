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
                self._deps[key] = frozenset(deps)

    def replay(self, key: str) -> None:
        """A cached result is used: its dependencies become the user's."""
        deps = self._deps.get(key, ())
        for open_deps in self._stack:
            open_deps.update(deps)

    def forget(self, module: str) -> list[str]:
        """Keys computed from `module`: dropped here, returned for the caller to drop."""
        stale = [key for key, deps in self._deps.items() if module in deps]
        for key in stale:
            del self._deps[key]
        return stale
