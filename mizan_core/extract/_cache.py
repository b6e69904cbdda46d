"""The on-disk cache under the cache folder (the user may delete it any time).

Two files:

- `facts-v<N>.pickle`: `ModuleFacts` keyed by (module, is_package, content
  digest), so a stale entry can never be used for changed text; read only
  when some file has to be read at all;
- `result-v<N>.pickle`: the last complete result, keyed by a digest of every
  file's digest (and the roots): a run over an unchanged project reads the
  exported IR text and the diagnostics from here and resolves nothing. The
  function sites (for editors) are a nested pickle, unpacked only if asked.

The version in the names makes an upgrade ignore old files. A file that
cannot be read (truncated, foreign) is a cold start, never an error.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from ._files import FACTS_VERSION
from .facts import ModuleFacts

__all__ = ["CacheKey", "FactsCache", "read_pickle", "write_pickle"]

CacheKey = tuple[str, bool, bytes]


def read_pickle(path: Path) -> Any:
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # noqa: BLE001  (any unreadable cache is just a cold start)
        return None


def write_pickle(folder: Path, path: Path, data: object) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".mizan-")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass


class FactsCache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._entries: dict[CacheKey, ModuleFacts] | None = None if folder else {}
        self._dirty = False
        if folder is not None:
            self._facts_file = folder / f"facts-v{FACTS_VERSION}.pickle"
            self._result_file = folder / f"result-v{FACTS_VERSION}.pickle"

    @property
    def entries(self) -> dict[CacheKey, ModuleFacts]:
        if self._entries is None:
            assert self.folder is not None
            loaded = read_pickle(self._facts_file)
            self._entries = loaded if isinstance(loaded, dict) else {}
        return self._entries

    def get(self, key: CacheKey) -> ModuleFacts | None:
        return self.entries.get(key)

    def put(self, key: CacheKey, facts: ModuleFacts) -> None:
        self.entries[key] = facts
        self._dirty = True

    def cached_result(self, key: bytes) -> dict[str, Any] | None:
        if self.folder is None:
            return None
        loaded = read_pickle(self._result_file)
        if isinstance(loaded, dict) and loaded.get("key") == key:
            return loaded
        return None

    def save(self, keep: set[CacheKey], result: dict[str, Any] | None = None) -> None:
        """Write the facts still in use and the result (atomically); silently
        skip when the folder cannot be written."""
        if self.folder is None:
            return
        if self._dirty or set(self.entries) != keep:
            self._entries = {k: v for k, v in self.entries.items() if k in keep}
            write_pickle(self.folder, self._facts_file, self._entries)
            self._dirty = False
        if result is not None:
            write_pickle(self.folder, self._result_file, result)
