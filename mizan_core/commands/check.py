"""`mizan check [--format text|json|github] [PATH...]`: every Mizan diagnostic
of the source, plus `mizan-stale` for generated TypeScript that `mizan
generate` would change.

`--format`:
- `text`   `path:line:col: code message`, one per line (editors and CI parse it);
- `json`   a list of `{"code", "severity", "message", "file", "line", "column",
           "end_line", "end_column"}` (1-based, end exclusive);
- `github` GitHub Actions workflow commands (`::error file=...,line=...::message`).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from mizan_core.config import ProjectConfig, load_config
from mizan_core.rules.catalogue import SYNTAX

from . import Command
from ._source import add_source_args, index_result, one_build, shown

if TYPE_CHECKING:
    from mizan_core.extract import IndexResult
    from mizan_core.rules import Diagnostic

__all__ = ["COMMAND"]


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json", "github"), default="text")
    add_source_args(parser)


def _github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _stale(args: argparse.Namespace, config: ProjectConfig,
           result: IndexResult) -> list[Diagnostic]:
    """`mizan-stale` per generated file that `mizan generate` would change. Nothing
    until the output folder exists (a project without a TypeScript client yet), and
    nothing when PATHs name other sources than the configured ones (the output
    is not theirs); `mizan check .` in the project is the configured sources."""
    if not config.output.is_dir():
        return []
    if args.paths:
        configured = load_config(Path(args.config) if args.config else None)
        if set(configured.static_paths) != set(config.static_paths):
            return []
    from mizan_core.codegen import check_stale  # late: keeps `mizan --help` fast

    cwd = Path.cwd().resolve()
    return [dataclasses.replace(d, file=shown(config.root / d.file, cwd))
            for d in check_stale(config, result.ir)]


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with one_build():
        return _report(args, out, err)


def _report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    config, result = index_result(args)
    # The IR of a project with a file that does not parse lacks what that file
    # declares: comparing the output with it would call every file stale.
    unparsed = sum(d.code == SYNTAX for d in result.diagnostics)
    stale = [] if unparsed else _stale(args, config, result)
    diagnostics = [*result.diagnostics, *stale]
    if args.format == "json":
        out.write(json.dumps([d.to_json() for d in diagnostics], indent=2, ensure_ascii=False))
        out.write("\n")
    elif args.format == "github":
        out.writelines(f"::{d.severity} file={_github_escape(d.file, True)},line={d.line},"
                       f"col={d.column},endLine={d.end_line},endColumn={d.end_column},"
                       f"title={d.code}::{_github_escape(d.message)}\n" for d in diagnostics)
    else:
        out.writelines(f"{d.file}:{d.line}:{d.column}: {d.code} {d.message}\n" for d in diagnostics)
        errors = sum(d.severity == "error" for d in diagnostics)
        warnings = len(diagnostics) - errors
        summary = "no problems found" if not diagnostics else \
            f"{errors} error(s), {warnings} warning(s)"
        skipped = f"; generated TypeScript not compared until the {unparsed} file(s) with a " \
            "syntax error parse" if unparsed and config.output.is_dir() else ""
        print(f"mizan check: {summary} ({result.function_count} @client functions){skipped}",
              file=err)
    return 1 if diagnostics else 0


COMMAND = Command("report every Mizan diagnostic in the source", _arguments, _run)
