"""Cache files that hold plain data and are trusted only when this user wrote them.

A cache folder usually sits inside a project, and a project may come from
anyone (a cloned repository, an archive, a pull request checked out by CI).
So a cache file is never a format with a code path (no pickle): it is JSON,
turned back into objects of a fixed list of classes only (`Codec`), and it
carries a keyed BLAKE2b tag made with a key that belongs to the user, kept
outside every project (`$XDG_CACHE_HOME/mizan/key`, else
`~/.cache/mizan/key`; mode 0600). A file written by anyone else, edited,
truncated, of another schema or version, or too big, reads as "no cache":
the caller rebuilds. When no key can be kept (a read-only home), nothing is
cached on disk; results are the same, only slower.

Layout: a header line `mizan-cache <format> <schema> <length>...`, a line
with the tag (hex) over the header and the body, then the body: the sections
back to back (a JSON document each, or raw text), so a reader decodes only
the sections it needs. The folder gets a `.gitignore` of `*`, as ruff's and
mypy's caches do.

The encoding of a value: `str`, `int`, `float`, `bool` and `None` as
themselves; every other value is a JSON array whose first item says what it
is: a class of the codec (its index, then its fields in order) or a builtin
container (a negative tag).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import hmac
import json
import operator
import os
import secrets
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from ._files import read_regular

__all__ = ["Codec", "read_sections", "user_key", "write_sections"]

_FORMAT = "1"
_TAG_SIZE = 32
_MAX_BYTES = 512 * 1024 * 1024  # a bigger "cache" is somebody else's file
# The header line lists every section's length: the facts file has one
# section per module, so a project of thousands of modules needs tens of kB.
_MAX_HEADER = 16 * 1024 * 1024
_BIG_INT = 10 ** 1000  # JSON ints longer than Python's int-from-text limit would not read back

_TUPLE, _LIST, _DICT, _BYTES, _CONST, _FROZENSET, _SET, _INT, _REF = -1, -2, -3, -4, -5, -6, -7, -8, -9


class Codec:
    """Values made of builtins, the given classes (dataclasses or named tuples,
    rebuilt by calling the class with their fields) and the given constants
    (singletons, by identity). `schema` changes whenever a class, its module
    or its fields do, so files of an older layout are never decoded."""

    def __init__(self, name: str, classes: Sequence[type], constants: Sequence[object] = ()) -> None:
        self.classes = tuple(classes)
        self.constants = tuple(constants)
        self._ids = {cls: i for i, cls in enumerate(self.classes)}
        self._fields = [_field_names(cls) for cls in self.classes]
        self._arity = [len(f) for f in self._fields]
        self._getters = [_getter(f) for f in self._fields]
        layout = [name, *(f"{c.__module__}.{c.__qualname__}({','.join(f)})"
                          for c, f in zip(self.classes, self._fields))]
        self.schema = hashlib.blake2b("\n".join(layout).encode(), digest_size=8).hexdigest()

    # --- values <-> builtins -------------------------------------------------------

    def encode(self, value: object) -> Any:
        """`value` as JSON-ready builtins. An instance met again (by identity)
        is written as a reference to the first one, as pickle does: sites
        share their types, and decoding each copy again would cost 4x."""
        seen: dict[int, int] = {}
        ids, constants = self._ids, self.constants
        # one attrgetter call per instance, not a generator and a getattr per field
        getters = self._getters

        # Any: dispatched on `type(value) is ...` (exact and fast), which mypy
        # cannot narrow through `kind`.
        def encode(value: Any) -> Any:
            kind = type(value)
            if kind is str or kind is bool or kind is float or value is None:
                return value
            if kind is int:
                return value if -_BIG_INT < value < _BIG_INT else [_INT, hex(value)]
            if kind is tuple:
                return [_TUPLE, *map(encode, value)]
            index = ids.get(kind)
            if index is not None:
                known = seen.get(id(value))
                if known is not None:
                    return [_REF, known]
                out = [index, *map(encode, getters[index](value))]
                seen[id(value)] = len(seen)
                return out
            if kind is dict:
                flat: list[Any] = [_DICT]
                for key, item in value.items():
                    flat.append(encode(key))
                    flat.append(encode(item))
                return flat
            if kind is list:
                return [_LIST, *map(encode, value)]
            if kind is bytes:
                return [_BYTES, value.hex()]
            if kind is frozenset or kind is set:
                items = sorted(map(encode, value), key=repr)
                return [_FROZENSET if kind is frozenset else _SET, *items]
            for index, constant in enumerate(constants):
                if value is constant:
                    return [_CONST, index]
            raise TypeError(f"cannot store a {kind.__qualname__} in a cache file")

        return encode(value)

    def decode(self, data: Any) -> Any:
        """Raises (ValueError, TypeError, IndexError, RecursionError) on a
        document this codec did not write."""
        made: list[object] = []  # instances in the order `encode` numbered them
        classes, arity, constants = self.classes, self._arity, self.constants

        def decode(data: list[Any]) -> Any:
            tag = data[0]
            if type(tag) is not int:
                raise ValueError("not a value of this codec")
            if tag == _REF:
                return made[data[1]]
            # Scalars are most items: tested inline, not decoded by a call each.
            items = [item if type(item) is not list else decode(item) for item in data]
            del items[0]
            if tag >= 0:
                if len(items) != arity[tag]:
                    raise ValueError(f"wrong number of fields for {classes[tag].__qualname__}")
                made.append(obj := classes[tag](*items))
                return obj
            if tag == _TUPLE:
                return tuple(items)
            if tag == _DICT:
                return dict(zip(items[::2], items[1::2], strict=True))
            if tag == _LIST:
                return items
            if tag == _BYTES:
                return bytes.fromhex(items[0])
            if tag == _CONST:
                return constants[items[0]]
            if tag == _FROZENSET:
                return frozenset(items)
            if tag == _SET:
                return set(items)
            if tag == _INT and type(items[0]) is str:
                return int(items[0], 16)
            raise ValueError(f"unknown tag {tag}")

        if type(data) is dict:
            raise ValueError("not a value of this codec")
        return decode(data) if type(data) is list else data

    def dumps(self, value: object) -> bytes:
        return json.dumps(self.encode(value), separators=(",", ":")).encode("ascii")

    def loads(self, line: bytes) -> Any:
        return self.decode(json.loads(line))


def _getter(fields: tuple[str, ...]) -> Callable[[object], tuple[Any, ...]]:
    """The fields' values of an instance, as a tuple."""
    if not fields:
        return lambda value: ()
    if len(fields) == 1:
        get = operator.attrgetter(fields[0])
        return lambda value: (get(value),)
    return operator.attrgetter(*fields)


def _field_names(cls: type) -> tuple[str, ...]:
    if dataclasses.is_dataclass(cls):
        return tuple(f.name for f in dataclasses.fields(cls) if f.init)
    names = getattr(cls, "_fields", None)  # a NamedTuple
    if isinstance(names, tuple):
        return names
    raise TypeError(f"{cls.__qualname__} is neither a dataclass nor a named tuple")


# --- the user's key --------------------------------------------------------------------


def _key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    folder = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return folder / "mizan" / "key"


@functools.cache
def user_key() -> bytes | None:
    """The key that tags this user's cache files, created on first use; None
    when it cannot be kept (then nothing is cached on disk)."""
    path = _key_file()
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".key-")  # created 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(_TAG_SIZE))
            try:
                os.link(tmp, path)  # atomic: two first runs at once agree on one key
            except FileExistsError:
                pass
        finally:
            os.unlink(tmp)
        return _read_key(path)
    except OSError:
        return None


def _read_key(path: Path) -> bytes | None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        info = os.fstat(fd)
        mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        if not mine or info.st_mode & 0o077 or info.st_size != _TAG_SIZE:
            return None  # a key others could read or have written is no key
        return os.read(fd, _TAG_SIZE)
    finally:
        os.close(fd)


# --- files -----------------------------------------------------------------------------


def _header(codec: Codec, lengths: Iterable[int]) -> bytes:
    return f"mizan-cache {_FORMAT} {codec.schema} {' '.join(map(str, lengths))}\n".encode("ascii")


def _tag(key: bytes, *signed: bytes | memoryview) -> bytes:
    mac = hashlib.blake2b(key=key, digest_size=_TAG_SIZE)
    for part in signed:
        mac.update(part)
    return mac.hexdigest().encode("ascii")


def read_sections(path: Path, codec: Codec) -> list[bytes] | None:
    """The sections (bytes as written; `codec.loads` decodes a value) of a
    file this user wrote with this codec's schema; None for anything else."""
    key = user_key()
    if key is None:
        return None
    data = read_regular(path, _MAX_BYTES)
    if data is None:
        return None
    end = data.find(b"\n", 0, _MAX_HEADER) + 1
    parts = data[:end].split()
    prefix = _header(codec, ()).split()
    if not end or parts[:3] != prefix[:3] or not all(p.isdigit() for p in parts[3:]):
        return None
    view = memoryview(data)
    start = end + _TAG_SIZE * 2 + 1  # the body, past the tag line
    if not hmac.compare_digest(data[end:start - 1], _tag(key, view[:end], view[start:])):
        return None
    sections = []
    for length in map(int, parts[3:]):
        sections.append(data[start:start + length])
        start += length
    return sections if start == len(data) else None


def write_sections(path: Path, codec: Codec, sections: Sequence[bytes]) -> None:
    """Write atomically (readers see the old file or the new one), in a
    folder that says it is not to be committed; silently skip when the folder
    cannot be written or no key can be kept."""
    key = user_key()
    if key is None:
        return
    header = _header(codec, map(len, sections))
    body = b"".join(sections)
    folder = path.parent
    try:
        _make_folder(folder)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".mizan-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(header + _tag(key, header, body) + b"\n")
                handle.write(body)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass


def _make_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Automatically created by Mizan: a cache, never committed.\n*\n")
