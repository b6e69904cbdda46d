"""`mizan ir [--format kdl|json|openapi|manifest] [--base PATH] [-o FILE] [PATH...]`:
the project's IR, read statically from source, in one of its forms."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TextIO

from mizan_core.config import ConfigError

from . import Command
from ._source import add_source_args, index_result, one_build, write_text

__all__ = ["COMMAND"]


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("kdl", "json", "openapi", "manifest"), default="kdl")
    parser.add_argument("--base", default="/api/mizan", metavar="PATH",
                        help="where mizan_django.urls is mounted, for --format openapi|manifest "
                             "(default /api/mizan)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    add_source_args(parser)


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    # The cache of a fresh build is written after the IR is out: whoever
    # reads it (a pipe, a file) need not wait for the cache.
    save_later: list[Callable[[], None]] = []
    with one_build():
        try:
            return _export(args, out, err, save_later)
        finally:
            for save in save_later:
                save()


def _export(args: argparse.Namespace, out: TextIO, err: TextIO,
            save_later: list[Callable[[], None]]) -> int:
    _, result = index_result(args, save_later)
    if args.format in ("kdl", "json"):
        text = result.export(args.format)
    else:
        from mizan_core.export import render_ir

        try:
            text = render_ir(result.ir, args.format, args.base)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
    write_text(args, text, out)
    out.flush()
    errors = [d for d in result.diagnostics if d.severity == "error"]
    if errors:
        print(f"mizan ir: {len(errors)} error(s) in the source; run `mizan check` for details",
              file=err)
        return 1
    return 0


COMMAND = Command("print the project's IR, read statically from source", _arguments, _run)
