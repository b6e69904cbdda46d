"""Where a command gets the project's IR, as the configuration says.

- `[source.static]` (the default): the static extractor reads the source
  without importing it (`mizan_core.extract.build_for`);
- `[source.django]` without `[source.static]`: runs
  `<command...> <manage_path> export_mizan_ir --format json` with the
  configured environment added, from the configuration's folder, and parses
  the JSON with `mizan_core.ir.loads_json`.

Every failure is an `IRSourceError` whose message names the configuration
file or the command that failed.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from mizan_core.config import ConfigError, ProjectConfig, require_static_roots
from mizan_core.ir import IRFormatError, ProjectIR, loads_json
from mizan_core.rules import Diagnostic

__all__ = ["IRSourceError", "ir_from_django", "ir_from_source", "load_ir"]

_DJANGO_TIMEOUT_S = 600


class IRSourceError(Exception):
    """The IR could not be obtained (Django failed, the output is not an IR, ...)."""


def ir_from_django(config: ProjectConfig) -> ProjectIR:
    """The IR `manage.py export_mizan_ir` prints for the configured Django project."""
    django = config.django
    if django is None:
        raise IRSourceError(f"{config.file or config.root}: no [source.django] configured")
    argv = [*django.command, str(django.manage_path), "export_mizan_ir", "--format", "json"]
    env = {**os.environ, **django.env}
    try:
        done = subprocess.run(argv, cwd=config.root, env=env, capture_output=True, text=True,
                              timeout=_DJANGO_TIMEOUT_S, check=False)
    except FileNotFoundError:
        raise IRSourceError(f"{config.file}: [source.django] command not found: {argv[0]}") from None
    except subprocess.TimeoutExpired:
        raise IRSourceError(f"{config.file}: `{' '.join(argv)}` did not finish "
                            f"in {_DJANGO_TIMEOUT_S} s") from None
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise IRSourceError(f"{config.file}: `{' '.join(argv)}` failed "
                            f"(exit {done.returncode}):\n{tail}")
    try:
        return loads_json(done.stdout)
    except IRFormatError as exc:
        raise IRSourceError(f"export_mizan_ir printed something that is not a Mizan IR: {exc}") \
            from None


def ir_from_source(config: ProjectConfig, display_root: Path | None = None
                   ) -> tuple[ProjectIR, list[Diagnostic]]:
    """The IR the static extractor reads from the configured roots, and the
    errors among its diagnostics (each would drop something from the IR)."""
    try:
        require_static_roots(config)
    except ConfigError as exc:
        raise IRSourceError(str(exc)) from None
    try:
        from mizan_core.extract import build_for  # late: the extractor is heavy

        result = build_for(config, display_root=display_root)
    except ImportError as exc:
        raise IRSourceError(f"the static extractor is not available ({exc}); "
                            "use [source.django] in the configuration") from None
    return result.ir, [d for d in result.diagnostics if d.severity == "error"]


def load_ir(config: ProjectConfig) -> ProjectIR:
    """The project's IR, from Django or from source as the configuration says."""
    return ir_from_django(config) if config.uses_django else ir_from_source(config)[0]
