"""Which files make up a project, and which of them can matter.

Module names come from the path relative to its source root
(`shop/clients.py` -> `shop.clients`, `shop/__init__.py` -> `shop`). Hidden
folders, `__pycache__`, `node_modules`, virtualenvs and paths that are not
importable names are skipped.

The prefilter is a byte search, far cheaper than a parse: a file is parsed
up front only if it mentions `mizan` (or, in a second pass, imports a name
from a project module that re-exports Mizan's API: `_reexports`). Every
other file is parsed only when a name resolution reaches it (the module
defining a model, an enum, an alias).
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FACTS_VERSION", "MAX_BYTES", "SourceFile", "digest", "mentions_mizan",
           "module_for", "project_key", "read_regular", "read_source", "scan", "scan_entries",
           "without_mizan"]

# Bump when ModuleFacts, module.py's reading rules, the rules or the result
# layout change: the caches' file names and every `project_key` carry it, so
# an upgrade never reads what an older version concluded.
# 8: imports anywhere in a file, mizan_clients apps (mizan-unreachable); 9: class decorators;
# 10: an import under `if TYPE_CHECKING:` does not rebind a name; 11: mizan-no-affects;
# 12: try bodies and first if branches bind, star imports rebind what came before;
# 13: `from pkg import name` kept as `pkg:name` (a submodule only if pkg does not bind name)
# 14: `async def` recorded (mizan-async), a reached module's syntax error, quiet cascades
FACTS_VERSION = 14

# A bigger source file is not read further (and reported, if it matters):
# nobody writes one by hand, and libcst would take minutes over it.
MAX_BYTES = 2 * 1024 * 1024

_SKIP_DIRS = {"__pycache__", "node_modules", "site-packages"}


@dataclass(slots=True)
class SourceFile:
    path: str  # absolute
    module: str
    is_package: bool
    digest: bytes = b""
    data: bytes | None = None  # text held only until parsed


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def read_regular(path: Path | str, limit: int) -> bytes | None:
    """At most `limit + 1` bytes of a regular file (so a caller can tell that it
    is longer than `limit`); None when it is not a regular file (a FIFO would
    block, a device such as `/dev/zero` never ends) or cannot be read."""
    try:
        # Non-blocking: opening a FIFO for reading must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        first = os.read(fd, min(info.st_size, limit) + 1)  # one read for a file that stays put
        chunks, left = [first], limit + 1 - len(first)
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def read_source(path: Path | str) -> bytes | None:
    """A source file's bytes, at most `MAX_BYTES + 1` of them; None when it
    is not a regular file or cannot be read."""
    return read_regular(path, MAX_BYTES)


def mentions_mizan(data: bytes) -> bool:
    return b"mizan" in data


def module_for(path: Path, root: Path) -> tuple[str, bool] | None:
    """(module name, is package) of `path` under `root`, or None if not importable."""
    try:
        parts = list(path.relative_to(root).parts)
    except ValueError:
        return None
    if not parts or not parts[-1].endswith(".py"):
        return None
    is_package = parts[-1] == "__init__.py"
    parts = parts[:-1] if is_package else [*parts[:-1], parts[-1][:-3]]
    if not parts or not all(p.isidentifier() for p in parts):
        return None
    return ".".join(parts), is_package


def scan(roots: Sequence[Path]) -> Iterator[tuple[Path, str, bool]]:
    """(path, module, is_package) of every importable `.py` file under the roots,
    each folder's files (by name) before its subfolders (by name)."""
    for path, module, is_package, _ in scan_entries(roots):
        yield Path(path), module, is_package


def scan_entries(roots: Sequence[Path]) -> Iterator[tuple[str, str, bool, os.DirEntry[str]]]:
    """`scan` with plain string paths and the directory entries (whose `stat`
    a warm run reads instead of the file)."""
    for root in roots:
        yield from _scan_folder(str(root), ())


def _scan_folder(folder: str, package: tuple[str, ...],
                 ) -> Iterator[tuple[str, str, bool, os.DirEntry[str]]]:
    # One directory read per folder and no `stat` for a plain file: a warm run
    # does this for every file of the tree.
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:
        return
    subfolders = []
    for entry in entries:
        name = entry.name
        if name.endswith(".py"):
            # A FIFO named `x.py` would block a reader, a link to `/dev/zero`
            # never end: only regular files (links to them included) are sources.
            if not _regular(entry):
                continue
            if name == "__init__.py":
                if package:
                    yield entry.path, ".".join(package), True, entry
            elif name[:-3].isidentifier():
                yield entry.path, ".".join((*package, name[:-3])), False, entry
        elif not name.startswith(".") and name not in _SKIP_DIRS and name.isidentifier() \
                and _folder(entry) and not os.path.exists(os.path.join(entry.path, "pyvenv.cfg")):
            subfolders.append(entry)
    for entry in subfolders:
        yield from _scan_folder(entry.path, (*package, entry.name))


def _regular(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _folder(entry: os.DirEntry[str]) -> bool:
    """A real folder: a link to one is not followed (a link to a parent would loop)."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def project_key(display_root: Path, roots: Sequence[Path], files: Iterable[SourceFile]) -> bytes:
    """A digest of everything a build reads: changes when any file does."""
    parts = [f"v{FACTS_VERSION}", str(display_root), *map(str, roots)]
    parts.extend(f"{f.path}\0{f.module}\0{f.is_package}\0{f.digest.hex()}"
                 for f in sorted(files, key=lambda f: f.path))
    return digest("\n".join(parts).encode("utf-8", "surrogatepass"))



def without_mizan(roots: Sequence[Path]) -> list[str] | None:
    """The path of every source file under the roots (the first root that has
    a module wins, as in a build), when none of them names Mizan; None as soon
    as one does. A tree without a mention has no declarations and no findings:
    whatever re-exports Mizan names it."""
    modules: set[str] = set()
    paths: list[str] = []
    for path, module, _, _ in scan_entries(roots):
        if module in modules:
            continue
        modules.add(module)
        if mentions_mizan(read_source(path) or b""):
            return None
        paths.append(path)
    return paths
