"""`mizan generate [--config FILE] [--check]`: configuration -> IR -> TypeScript.

The IR comes from `ir_source` (static extractor or Django), the files from
`mizan_core.codegen.render`, and they reach the disk through
`write_output` (or are compared by `diff_output` under `--check`).

Exit codes: 0 written / up to date, 1 stale output under `--check` or
errors in the source (each named by file and line; nothing is written),
2 configuration error or a failing Django command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from mizan_core.config import ConfigError, load_config

from . import Command
from ._source import shown

if TYPE_CHECKING:
    from mizan_core.rules import Diagnostic

__all__ = ["COMMAND", "run_generate"]


def run_generate(config_file: str | None = None, check: bool = False, *,
                 cwd: Path | None = None, out: TextIO | None = None,
                 err: TextIO | None = None) -> int:
    """`mizan generate` for the configuration at `config_file` (else found
    from `cwd`); returns the exit code."""
    # late: the IR, its readers and the generator load only when a command runs
    from mizan_core.codegen import describe_change, diff_output, render, write_output
    from mizan_core.rules.catalogue import STALE

    from .ir_source import IRSourceError, ir_from_django, ir_from_source

    out = out or sys.stdout
    err = err or sys.stderr
    here = Path(cwd or Path.cwd()).resolve()
    try:
        config = load_config(Path(config_file) if config_file else None, cwd=cwd)
        if config.file is None:
            # Defaults write into ./src/api: say so, in case this was the wrong folder.
            print(f"mizan generate: no mizan.toml or [tool.mizan] found at or above {config.root}; "
                  f"using the defaults (output src/api, targets react, source {config.root})",
                  file=err)
        errors: list[Diagnostic] = []
        if config.uses_django:
            ir = ir_from_django(config)
        else:
            ir, errors = ir_from_source(config, here)
        files = render(ir, config.targets)
    except (ConfigError, IRSourceError) as exc:
        print(f"mizan generate: {exc}", file=err)
        return 2
    if errors:
        # A file that does not parse (or a function the runtime would refuse)
        # would silently drop out of the client: name each error, write nothing.
        err.writelines(f"{d.file}:{d.line}:{d.column}: {d.code} {d.message}\n" for d in errors)
        print(f"mizan generate: {len(errors)} error(s) in the source; nothing written "
              "(run `mizan check` for details)", file=err)
        return 1
    where = shown(config.output, here)
    if check:
        changes = diff_output(files, config.output)
        for change in changes:
            print(f"{where}/{change.name}: {STALE}: {describe_change(change)}", file=out)
            if change.diff:
                out.write(change.diff)
        if changes:
            print(f"{len(changes)} generated file(s) out of date: run `mizan generate`", file=out)
            return 1
        print(f"{where}: up to date ({len(files)} files)", file=out)
        return 0
    try:
        result = write_output(files, config.output)
    except OSError as exc:
        print(f"mizan generate: cannot write {where}: {exc}", file=err)
        return 2
    print(f"{where}: {len(result.written)} written, {len(result.unchanged)} unchanged, "
          f"{len(result.deleted)} deleted", file=out)
    return 0


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="FILE", help="mizan.toml or pyproject.toml to use")
    parser.add_argument("--check", action="store_true",
                        help="only compare with the files on disk (exit 1 when stale)")


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    return run_generate(args.config, args.check, out=out, err=err)


COMMAND = Command("generate the TypeScript client", _arguments, _run)
