"""`mizan lsp`: the language server as a `mizan` command, registered in the
`mizan.commands` entry-point group. The same server as `mizan-lsp`; pygls
loads only when the command runs, so `mizan --help` stays light."""

from __future__ import annotations

import argparse
from typing import TextIO

from mizan_core.commands import Command

from ._options import add_arguments

__all__ = ["COMMAND"]


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        from .server import main
    except ImportError as exc:
        print(f"mizan lsp: the language server cannot start: {exc} "
              "(install mizan-django with the `lsp` extra)", file=err)
        return 2
    return main(["--log-level", args.log_level])


COMMAND = Command("run the language server (LSP over stdio), same as mizan-lsp",
                  add_arguments, _run)
