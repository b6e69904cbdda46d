"""The on-disk cache under the cache folder (the user may delete it any time).

Two files, both written through `storage` (plain data, tagged with the
user's key: a cache that came with a project is never read):

- `facts-v<N>.cache`: `ModuleFacts` keyed by (module, is_package, content
  digest), so a stale entry can never be used for changed text; one section
  per module, decoded only when that module's facts are asked for;
- `result-v<N>.cache`: the last complete result, keyed by a digest of every
  file's digest (and the roots): a run over an unchanged project reads the
  exported IR text and the diagnostics from here and resolves nothing. The
  function sites (for editors) are a section of their own, decoded only if
  asked.

(`_tree` keeps a third, the stat table that tells which files changed.)

The version in the names makes an upgrade ignore old files. A file that
cannot be read or verified (truncated, foreign, edited) is a cold start,
never an error.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mizan_core.rules import Diagnostic

from ._files import FACTS_VERSION
from .storage import Codec, read_sections, write_sections

if TYPE_CHECKING:
    from .facts import ModuleFacts

__all__ = ["CODEC", "RESULT_CODEC", "CacheKey", "FactsCache"]

CacheKey = tuple[str, bool, bytes]
CODEC: Codec  # built on first access (`__getattr__`)


@functools.cache
def _codec() -> Codec:
    """Every class a cached fact, site, diagnostic or IR function can hold
    (found from the modules that define them, so a new fact class is not
    forgotten): the only classes a cache file can ever produce. Built on first
    use: a warm run answered from the result file never loads these modules."""
    import dataclasses
    import typing

    from mizan_core.ir import model as _ir
    from mizan_core.ir import types as _types
    from mizan_core.rules import sites as _sites

    from . import facts as _facts
    from ._imports import ImportTable

    return Codec(f"extract-v{FACTS_VERSION}", [
        ImportTable, Diagnostic, _ir.Location, _ir.Param, _ir.Affect, _ir.Function,
        *typing.get_args(_types.TypeRef),
        *(c for m in (_sites, _facts) for c in map(m.__dict__.get, m.__all__)
          if isinstance(c, type) and (dataclasses.is_dataclass(c) or issubclass(c, tuple))),
    ], constants=[_facts.ELLIPSIS])


def __getattr__(name: str) -> Any:
    if name == "CODEC":
        return _codec()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The result file's own codec holds only what a warm `mizan check` prints
# (diagnostics, paths): reading it loads neither the IR nor the facts. The
# sites section carries the full codec's schema in front, checked when decoded.
RESULT_CODEC = Codec(f"result-v{FACTS_VERSION}", [Diagnostic])
_TEXTS = ("kdl", "json")  # exported documents: stored as they are, not as JSON strings
_FAILED = (ValueError, TypeError, IndexError, KeyError, RecursionError, UnicodeError)


class FactsCache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        # a value is still its encoded section until asked for
        self._entries: dict[CacheKey, ModuleFacts | bytes] | None = None if folder else {}
        # the section a decoded entry came from: written back as it was read
        self._read: dict[CacheKey, bytes] = {}
        self._dirty = False
        if folder is not None:
            self._facts_file = folder / f"facts-v{FACTS_VERSION}.cache"
            self._result_file = folder / f"result-v{FACTS_VERSION}.cache"

    @property
    def entries(self) -> dict[CacheKey, ModuleFacts | bytes]:
        if self._entries is None:
            assert self.folder is not None
            self._entries = _read_facts(self._facts_file)
        return self._entries

    def get(self, key: CacheKey) -> ModuleFacts | None:
        found = self.entries.get(key)
        if isinstance(found, bytes):
            from .facts import ModuleFacts

            raw = found
            try:
                found = _codec().loads(raw)
            except _FAILED:
                found = None
            if not isinstance(found, ModuleFacts):
                self.entries.pop(key, None)
                return None
            self._read[key] = raw
            self.entries[key] = found
        return found

    def put(self, key: CacheKey, facts: ModuleFacts, encoded: bytes | None = None) -> None:
        """`encoded`: `CODEC.dumps(facts)` when already made (by a worker)."""
        self.entries[key] = facts
        if encoded is not None:
            self._read[key] = encoded
        else:
            self._read.pop(key, None)
        self._dirty = True

    def has_result(self) -> bool:
        """Whether a stored result may be there (before reading the tree for its key)."""
        return self.folder is not None and self._result_file.is_file()

    def cached_result(self, key: bytes) -> dict[str, Any] | None:
        """The stored result of the build whose project key is `key`: its
        `sites` is a function that decodes them."""
        if self.folder is None:
            return None
        sections = read_sections(self._result_file, RESULT_CODEC)
        if sections is None or len(sections) != 2 + len(_TEXTS):
            return None
        try:
            head = RESULT_CODEC.loads(sections[0])
            if not isinstance(head, dict) or head.get("key") != key:
                return None
            for name, text in zip(_TEXTS, sections[1:]):
                head[name] = text.decode("utf-8", "surrogatepass")
        except _FAILED:
            return None
        head["sites"] = _decoder(sections[-1])
        return head

    def save(self, keep: set[CacheKey], result: dict[str, Any] | None = None) -> None:
        """Write the facts still in use and the result (atomically); silently
        skip when the folder cannot be written or a value cannot be stored."""
        if self.folder is None:
            return
        try:
            if self._dirty or set(self.entries) != keep:
                self._entries = {k: v for k, v in self.entries.items() if k in keep}
                write_sections(self._facts_file, _codec(),
                               _facts_sections(self._entries, self._read))
                self._dirty = False
            if result is not None:
                head = {k: v for k, v in result.items() if k != "sites" and k not in _TEXTS}
                texts = [result[name].encode("utf-8", "surrogatepass") for name in _TEXTS]
                codec = _codec()
                sites = codec.schema.encode("ascii") + b"\n" + codec.dumps(result["sites"])
                write_sections(self._result_file, RESULT_CODEC,
                               [RESULT_CODEC.dumps(head), *texts, sites])
        except (TypeError, ValueError, RecursionError):
            pass  # something the codec cannot hold: the next run starts cold


def _facts_sections(entries: dict[CacheKey, ModuleFacts | bytes],
                    read: dict[CacheKey, bytes]) -> list[bytes]:
    """Only the facts of modules read afresh are encoded: a decoded entry's
    section is the one it was read from (a key names one text's facts)."""
    keys = list(entries)
    codec = _codec()
    index = codec.dumps([[module, package, digest.hex()] for module, package, digest in keys])
    return [index, *(v if isinstance(v, bytes) else read.get(k) or codec.dumps(v)
                     for k, v in entries.items())]


def _read_facts(path: Path) -> dict[CacheKey, ModuleFacts | bytes]:
    codec = _codec()
    sections = read_sections(path, codec)
    if not sections:
        return {}
    try:
        index = codec.loads(sections[0])
        keys = [(str(m), bool(p), bytes.fromhex(d)) for m, p, d in index]
    except _FAILED:
        return {}
    if len(keys) != len(sections) - 1:
        return {}
    return dict(zip(keys, sections[1:]))


def _decoder(section: bytes) -> Callable[[], Any]:
    """None when the section was written by a layout other than this one's."""
    def decode() -> Any:
        codec = _codec()
        schema, _, body = section.partition(b"\n")
        if schema != codec.schema.encode("ascii"):
            return None
        try:
            return codec.loads(body)
        except _FAILED:
            return None
    return decode
