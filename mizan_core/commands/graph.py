"""`mizan graph [-o FILE.svg|.html|.mmd] [PATH...]`: the invalidation graph
(which mutation invalidates which context), read statically from source."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from mizan_core.config import ConfigError

from . import Command
from ._source import add_source_args, index_result, write_text

__all__ = ["COMMAND"]


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="FILE.mmd (Mermaid), FILE.svg or FILE.html; stdout: Mermaid")
    add_source_args(parser)


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from mizan_core.export import GRAPH_FORMATS, render_graph

    fmt = "mmd"
    if args.output:
        fmt = Path(args.output).suffix.lstrip(".").lower()
        if fmt not in GRAPH_FORMATS:
            raise ConfigError(f"{args.output}: the graph is written as .mmd, .svg or .html")
    _, result = index_result(args)
    write_text(args, render_graph(result.ir, fmt), out)
    return 0


COMMAND = Command("draw the invalidation graph (Mermaid, SVG or HTML), read from source",
                  _arguments, _run)
