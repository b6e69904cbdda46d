"""The on-disk facts cache: one pickle per project under the cache folder.

Entries are keyed by (module, is_package, content digest), so a stale entry
can never be used for changed text; the key also holds the extractor's
version, so an upgrade ignores old entries. The folder is the user's to
delete at any time. A cache that cannot be read (truncated, from another
version) is ignored, never an error.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

from .facts import ModuleFacts

__all__ = ["FactsCache", "CacheKey"]

# Bump when ModuleFacts or module.py's reading rules change.
FACTS_VERSION = 2
CacheKey = tuple[str, bool, bytes]


class FactsCache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.entries: dict[CacheKey, ModuleFacts] = {}
        self.dirty = False
        if folder is not None:
            self._file = folder / f"facts-v{FACTS_VERSION}.pickle"
            try:
                with open(self._file, "rb") as handle:
                    loaded = pickle.load(handle)
                if isinstance(loaded, dict):
                    self.entries = loaded
            except Exception:  # noqa: BLE001  (any unreadable cache is just a cold start)
                self.entries = {}

    def get(self, key: CacheKey) -> ModuleFacts | None:
        return self.entries.get(key)

    def put(self, key: CacheKey, facts: ModuleFacts) -> None:
        self.entries[key] = facts
        self.dirty = True

    def save(self, keep: set[CacheKey]) -> None:
        """Write the entries still in use (atomically); silently skip when the
        folder cannot be written."""
        if self.folder is None or (not self.dirty and set(self.entries) == keep):
            return
        self.entries = {k: v for k, v in self.entries.items() if k in keep}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".facts-")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(self.entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self._file)
            self.dirty = False
        except OSError:
            pass
