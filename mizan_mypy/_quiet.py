"""The mark a project without Mizan code leaves in mypy's cache folder.

When no file under the source roots names Mizan, the plugin has nothing to
say about any module: every cache key is None and no hook finds a fact.
The last run that made sure of it (a byte scan, or the facts read back
under an unchanged fingerprint) leaves `<cache_dir>/mizan/quiet-v1`, which
names the source roots. A run that finds the mark for the same roots takes
the tree to be still so, without one `stat` per file, until one of the
plugin's hooks fires; that hook (and every later one) works from facts
checked against the tree as it is then.

Why waiting is safe, and the one case it delays: the plugin reports only from its hooks, and a hook
fires only where mypy checks a call into Mizan's API, in a module it checks
again in this run (because the module, or the interface of something it
imports, changed). Until then no answer depends on the facts but the cache
keys, and a tree without Mizan code has none. A module mypy keeps from its
cache was checked in an earlier run, with facts made sure of then; under
the roots, a module that calls into Mizan names Mizan itself (and the tree
was not quiet) unless it reaches Mizan through a package outside the roots,
which the index does not read. Only such a module's `affects=` function
targets can change meaning while it stays cached: once this run has found
Mizan code the mark is gone, and the next run gives that module its key
and checks it again.

The mark holds no data and is not tagged: forged, it only defers the look
at the tree to the first hook, which then sees the tree as it is.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

__all__ = ["is_marked", "set_mark"]

_FILE = "quiet-v1"
_HEAD = "mizan quiet tree v1\n"


def is_marked(cache_dir: Path | None, roots: Sequence[Path]) -> bool:
    """Whether the last run found no Mizan code under these very roots."""
    if cache_dir is None:
        return False
    try:
        # A regular file only, never waiting: a FIFO put here must not block mypy.
        fd = os.open(os.path.join(cache_dir, _FILE), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        if not _regular(fd):
            return False
        expected = _text(roots).encode("utf-8", "surrogateescape")
        return os.read(fd, len(expected) + 1) == expected
    except OSError:
        return False
    finally:
        os.close(fd)


def set_mark(cache_dir: Path | None, roots: Sequence[Path], quiet: bool) -> None:
    """Leave the mark when the tree was found without Mizan code, remove it
    otherwise. Best effort: without the mark the next run only checks more."""
    if cache_dir is None:
        return
    path = cache_dir / _FILE
    try:
        if not quiet:
            path.unlink(missing_ok=True)
        elif cache_dir.is_dir():  # the facts' folder, with its `.gitignore`
            text = _text(roots)
            temporary = cache_dir / f".{_FILE}.{os.getpid()}"
            temporary.write_text(text, encoding="utf-8", errors="surrogateescape")
            os.replace(temporary, path)
    except OSError:
        pass


def _text(roots: Sequence[Path]) -> str:
    return _HEAD + "".join(f"{root}\n" for root in roots)


def _regular(fd: int) -> bool:
    return stat.S_ISREG(os.fstat(fd).st_mode)
