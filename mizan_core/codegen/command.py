"""`mizan generate [--config FILE] [--check]`: configuration -> IR -> TypeScript.

Where the IR comes from (mizan_core.config):
- `[source.static]` (the default): `mizan_core.extract.extract_ir(roots)`
  reads the source without importing it;
- `[source.django]` without `[source.static]`: runs
  `<command...> <manage_path> export_mizan_ir --format json` with the
  configured environment added, from the configuration's folder, and parses
  the JSON with `mizan_core.ir.loads_json`.

Exit codes (docs/typescript.md): 0 written / up to date, 1 stale output under
`--check` or errors in the source (each named by file and line; nothing is
written), 2 configuration error or a failing Django command. The user sees a message, never a
traceback. `check_stale(config)` is the same comparison as diagnostics
(`mizan-stale`), for `mizan check` and the language server.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from mizan_core.config import ConfigError, ProjectConfig, load_config, require_static_roots
from mizan_core.ir import IRFormatError, ProjectIR, loads_json
from mizan_core.rules import Diagnostic
from mizan_core.rules.catalogue import STALE

from .render import render
from .writer import FileChange, WriteResult, diff_output, write_output

__all__ = ["GenerateError", "check_stale", "generate", "load_ir", "run_generate"]


class GenerateError(Exception):
    """The IR could not be obtained (Django failed, the output is not an IR, ...)."""


def generate(ir: ProjectIR, out_dir: Path, targets: Sequence[str] = ("react",)) -> WriteResult:
    """Write the TypeScript of `ir` into `out_dir` (unchanged files untouched, stale ones deleted)."""
    return write_output(render(ir, targets), Path(out_dir))


def _from_django(config: ProjectConfig) -> ProjectIR:
    django = config.django
    assert django is not None
    argv = [*django.command, str(django.manage_path), "export_mizan_ir", "--format", "json"]
    env = {**os.environ, **django.env}
    try:
        done = subprocess.run(argv, cwd=config.root, env=env, capture_output=True, text=True, timeout=600, check=False)
    except FileNotFoundError:
        raise GenerateError(f"{config.file}: [source.django] command not found: {argv[0]}") from None
    except subprocess.TimeoutExpired:
        raise GenerateError(f"{config.file}: `{' '.join(argv)}` did not finish in 600 s") from None
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise GenerateError(f"{config.file}: `{' '.join(argv)}` failed (exit {done.returncode}):\n{tail}")
    try:
        return loads_json(done.stdout)
    except IRFormatError as exc:
        raise GenerateError(f"export_mizan_ir printed something that is not a Mizan IR: {exc}") from None


def _from_source(config: ProjectConfig, display_root: Path | None = None
                 ) -> tuple[ProjectIR, list[Diagnostic]]:
    try:
        from mizan_core.extract import ProjectIndex  # imported late: the extractor is heavy
    except ImportError as exc:
        raise GenerateError(f"the static extractor is not available ({exc}); "
                            "use [source.django] in the configuration") from None
    try:
        require_static_roots(config)
    except ConfigError as exc:
        raise GenerateError(str(exc)) from None
    result = ProjectIndex(list(config.static_paths),
                          cache_dir=config.cache_folder,
                          display_root=display_root).build()
    return result.ir, [d for d in result.diagnostics if d.severity == "error"]


def load_ir(config: ProjectConfig) -> ProjectIR:
    """The project's IR, from Django or from source as the configuration says."""
    return _from_django(config) if config.uses_django else _from_source(config)[0]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _describe(change: FileChange) -> str:
    return {"changed": "differs from what the current source generates",
            "missing": "is missing",
            "stale": "was generated for a function, form or channel that no longer exists"}[change.status]


def check_stale(config: ProjectConfig, ir: ProjectIR | None = None) -> list[Diagnostic]:
    """One `mizan-stale` diagnostic per output file that `mizan generate` would change."""
    files = render(ir if ir is not None else load_ir(config), config.targets)
    out = []
    for change in diff_output(files, config.output):
        file = _relative(config.output / change.name, config.root)
        out.append(Diagnostic(STALE, f"{file} {_describe(change)}: run `mizan generate`",
                              file, 1, 1, 1, 1))
    return out


def run_generate(config_file: str | None = None, check: bool = False, *,
                 cwd: Path | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """The `mizan generate` command; returns the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        config = load_config(Path(config_file) if config_file else None, cwd=cwd)
        if config.file is None:
            # Defaults write into ./src/api: say so, in case this was the wrong folder.
            print(f"mizan generate: no mizan.toml or [tool.mizan] found at or above {config.root}; "
                  f"using the defaults (output src/api, targets react, source {config.root})", file=err)
        errors: list[Diagnostic] = []
        if config.uses_django:
            ir = _from_django(config)
        else:
            ir, errors = _from_source(config, Path(cwd or Path.cwd()).resolve())
        files = render(ir, config.targets)
    except (ConfigError, GenerateError) as exc:
        print(f"mizan generate: {exc}", file=err)
        return 2
    if errors:
        # A file that does not parse (or a function the runtime would refuse)
        # would silently drop out of the client: name each error, write nothing.
        err.writelines(f"{d.file}:{d.line}:{d.column}: {d.code} {d.message}\n" for d in errors)
        print(f"mizan generate: {len(errors)} error(s) in the source; nothing written "
              "(run `mizan check` for details)", file=err)
        return 1
    where = _relative(config.output, Path(cwd or Path.cwd()).resolve())
    if check:
        changes = diff_output(files, config.output)
        for change in changes:
            print(f"{where}/{change.name}: {STALE}: {_describe(change)}", file=out)
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
