"""The `mizan` command line: argparse in front of the command layer.

`mizan ir`, `mizan graph`, `mizan check` and `mizan generate` are built in
(`mizan_core.commands`, one module each); other packages add commands
through the `mizan.commands` entry-point group (`mizan lsp` comes from
`mizan_lsp`), looked up only when the command asked for is not built in.
Exit codes: 0 clean, 1 findings (or stale output), 2 usage or configuration
error. Every problem is a message naming the file, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from mizan_core.commands import Command, check, generate, graph, ir
from mizan_core.commands.plugins import Unavailable, plugin_commands
from mizan_core.config import ConfigError

__all__ = ["main"]

BUILTIN: dict[str, Command] = {
    "ir": ir.COMMAND,
    "check": check.COMMAND,
    "graph": graph.COMMAND,
    "generate": generate.COMMAND,
}


def main(argv: Sequence[str] | None = None, out: TextIO | None = None,
         err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    wanted = argv[0] if argv and not argv[0].startswith("-") else None
    commands: dict[str, Command | Unavailable] = dict(BUILTIN)
    if wanted not in BUILTIN:
        commands.update(plugin_commands(frozenset(BUILTIN)))
    chosen = commands.get(wanted or "")
    if isinstance(chosen, Unavailable):
        print(f"mizan {wanted}: {chosen.reason}", file=err)
        return 2
    parser = argparse.ArgumentParser(prog="mizan", description="Typed server functions for Django.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, command in commands.items():
        if isinstance(command, Unavailable):
            sub.add_parser(name, help=f"{command.help} (unavailable: run `mizan {name}` for why)")
        else:
            command.add_arguments(sub.add_parser(name, help=command.help, description=command.help))
    try:  # argparse prints --help and usage errors itself: onto our streams
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse: --help is 0, a usage error is 2
        return int(exit_.code or 0)
    if args.command is None:
        parser.print_help(err)
        return 2
    run = commands[args.command]
    assert isinstance(run, Command)
    try:
        code = run.run(args, out, err)
        out.flush()  # a closed pipe fails here, where it is handled, not at exit
        return code
    except ConfigError as exc:
        print(f"mizan {args.command}: {exc}", file=err)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `mizan check | head`: the reader left. Quietly, as a shell tool does;
        # the interpreter's own flush at exit must not fail either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    raise SystemExit(main())
