"""The `mizan` command line: `mizan ir`, `mizan graph`, `mizan check`, `mizan generate`,
`mizan lsp`.

Each subcommand is one entry of `_COMMANDS`: a function adding its arguments
and a function running it (returning the exit code). Exit codes: 0 clean,
1 findings (or stale output), 2 usage or configuration error. Every problem
is a message naming the file, never a traceback.

`mizan check --format`:
- `text`   `path:line:col: code message`, one per line (editors and CI parse it);
- `json`   a list of `{"code", "severity", "message", "file", "line", "column",
           "end_line", "end_column"}` (1-based, end exclusive);
- `github` GitHub Actions workflow commands (`::error file=...,line=...::message`).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from mizan_core.config import ConfigError, ProjectConfig, load_config, require_static_roots

if TYPE_CHECKING:  # the extractor loads libcst: imported late, where a command needs it
    from mizan_core.extract import IndexResult
    from mizan_core.rules import Diagnostic

__all__ = ["main"]


def _add_source_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="source roots (override the configuration)")
    parser.add_argument("--config", metavar="FILE", help="mizan.toml or pyproject.toml to use")
    parser.add_argument("--no-cache", action="store_true",
                        help="do not read or write the facts cache (.mizan_cache)")


def _index_result(args: argparse.Namespace) -> tuple[ProjectConfig, IndexResult]:
    config: ProjectConfig = load_config(Path(args.config) if args.config else None,
                                      override_paths=args.paths)
    require_static_roots(config)
    from mizan_core.extract import build  # late: keeps `mizan --help` fast

    cache = None if args.no_cache else config.cache_folder
    return config, build(list(config.static_paths), cache_dir=cache, display_root=Path.cwd())


# --- mizan ir --------------------------------------------------------------------------

def _ir_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("kdl", "json", "openapi", "manifest"), default="kdl")
    parser.add_argument("--base", default="/api/mizan", metavar="PATH",
                        help="where mizan_django.urls is mounted, for --format openapi|manifest "
                             "(default /api/mizan)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    _add_source_args(parser)


def _write(args: argparse.Namespace, text: str, out: TextIO) -> None:
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{args.output}: cannot write: {exc}") from None
    else:
        out.write(text)


def _ir(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    _, result = _index_result(args)
    if args.format in ("kdl", "json"):
        text = result.export(args.format)
    else:
        from mizan_core.export import render_ir

        try:
            text = render_ir(result.ir, args.format, args.base)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
    _write(args, text, out)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    if errors:
        print(f"mizan ir: {len(errors)} error(s) in the source; run `mizan check` for details",
              file=err)
        return 1
    return 0


# --- mizan graph -----------------------------------------------------------------------

def _graph_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="FILE.mmd (Mermaid), FILE.svg or FILE.html; stdout: Mermaid")
    _add_source_args(parser)


def _graph(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from mizan_core.export import GRAPH_FORMATS, render_graph

    fmt = "mmd"
    if args.output:
        fmt = Path(args.output).suffix.lstrip(".").lower()
        if fmt not in GRAPH_FORMATS:
            raise ConfigError(f"{args.output}: the graph is written as .mmd, .svg or .html")
    _, result = _index_result(args)
    _write(args, render_graph(result.ir, fmt), out)
    return 0


# --- mizan check -----------------------------------------------------------------------

def _check_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json", "github"), default="text")
    _add_source_args(parser)


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
    found = []
    for d in check_stale(config, result.ir):
        target = config.root / d.file
        try:
            shown = target.relative_to(cwd).as_posix()
        except ValueError:
            shown = target.as_posix()
        found.append(dataclasses.replace(d, file=shown))
    return found


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    config, result = _index_result(args)
    diagnostics = [*result.diagnostics, *_stale(args, config, result)]
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
        print(f"mizan check: {summary} ({result.function_count} @client functions)", file=err)
    return 1 if diagnostics else 0


# --- mizan generate (mizan_core.codegen) ----------------------------------------------

def _generate_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="FILE", help="mizan.toml or pyproject.toml to use")
    parser.add_argument("--check", action="store_true",
                        help="only compare with the files on disk (exit 1 when stale)")


def _generate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from mizan_core.codegen.command import run_generate

    return run_generate(args.config, args.check, out=out, err=err)


def _lsp_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--stdio", action="store_true", help="talk LSP over stdio (the default)")
    parser.add_argument("--log-level", default="WARNING",
                        choices=["DEBUG", "INFO", "WARNING", "ERROR"], help="stderr log level")


def _lsp(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:  # late: mizan_core itself never imports pygls
        from mizan_lsp.server import main as lsp_main
    except ImportError as exc:
        print(f"mizan lsp: the language server cannot start: {exc} "
              "(install mizan with the `lsp` extra)", file=err)
        return 2
    return lsp_main(["--log-level", args.log_level])


# Other commands add one entry here: (name + help, add arguments, run).
_COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None],
                           Callable[[argparse.Namespace, TextIO, TextIO], int]]] = {
    "ir": ("print the project's IR, read statically from source", _ir_args, _ir),
    "check": ("report every Mizan diagnostic in the source", _check_args, _check),
    "graph": ("draw the invalidation graph (Mermaid, SVG or HTML), read from source",
              _graph_args, _graph),
    "generate": ("generate the TypeScript client", _generate_args, _generate),
    "lsp": ("run the language server (LSP over stdio), same as mizan-lsp", _lsp_args, _lsp),
}


def main(argv: Sequence[str] | None = None, out: TextIO | None = None,
         err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = argparse.ArgumentParser(prog="mizan", description="Typed server functions for Django.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, add_args, _) in _COMMANDS.items():
        add_args(sub.add_parser(name, help=help_text, description=help_text))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse: --help is 0, a usage error is 2
        return int(exit_.code or 0)
    if args.command is None:
        parser.print_help(err)
        return 2
    try:
        code = _COMMANDS[args.command][2](args, out, err)
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
