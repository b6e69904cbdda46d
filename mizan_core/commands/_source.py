"""What the commands reading the source share: their arguments, the index
built from them, and where their text goes."""

from __future__ import annotations

import argparse
import contextlib
import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from mizan_core.config import ConfigError, ProjectConfig, load_config, require_static_roots

if TYPE_CHECKING:  # the extractor loads libcst: imported late, where a command runs
    from mizan_core.extract import IndexResult

__all__ = ["add_source_args", "index_result", "one_build", "shown", "write_text"]


def add_source_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="source roots (override the configuration)")
    parser.add_argument("--config", metavar="FILE", help="mizan.toml or pyproject.toml to use")
    parser.add_argument("--no-cache", action="store_true",
                        help="do not read or write the facts cache (.mizan_cache)")


@contextlib.contextmanager
def one_build() -> Iterator[None]:
    """Around a command that builds the index once, then ends the process.

    The build makes hundreds of thousands of small acyclic objects with the
    cyclic collector off; turned back on, the collector would scan all of
    them on the next allocations, and again at the interpreter's exit (at
    5000 functions about 2 s of a 7 s cold `mizan ir`). So it stays off for
    the whole command, and what the command made is then frozen out of the
    collector's reach (a caller in the same process keeps it collectable
    again with `gc.unfreeze()`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def index_result(args: argparse.Namespace, save_later: list[Callable[[], None]] | None = None
                 ) -> tuple[ProjectConfig, IndexResult]:
    """`save_later`: see `mizan_core.extract.build`."""
    config = load_config(Path(args.config) if args.config else None, override_paths=args.paths)
    require_static_roots(config)
    from mizan_core.extract import build_for  # late: keeps `mizan --help` fast

    return config, build_for(config, cache=not args.no_cache, display_root=Path.cwd(),
                             save_later=save_later)


def write_text(args: argparse.Namespace, text: str, out: TextIO) -> None:
    """`text` into `-o FILE` when given, else onto `out`."""
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{args.output}: cannot write: {exc}") from None
    else:
        out.write(text)


def shown(path: Path, root: Path) -> str:
    """`path` as the user reads it: relative to `root` when under it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
