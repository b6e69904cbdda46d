"""Generated files that differ from what an IR generates, as diagnostics.

`check_stale(config, ir)` is one `mizan-stale` warning per output file that
`mizan generate` would change; `mizan check` and the language server show
them. The IR is the caller's (read from source, or asked of Django): this
module only renders and compares.
"""

from __future__ import annotations

from pathlib import Path

from mizan_core.config import ProjectConfig
from mizan_core.ir import ProjectIR
from mizan_core.rules import Diagnostic
from mizan_core.rules.catalogue import STALE

from .render import render
from .writer import FileChange, diff_output

__all__ = ["check_stale", "describe_change"]


def describe_change(change: FileChange) -> str:
    """How a file on disk differs from the generated one, in words."""
    return {"changed": "differs from what the current source generates",
            "missing": "is missing",
            # Left by an earlier run: a module, form or target since removed,
            # or an earlier layout of the output; what it held is not said.
            "stale": "was generated earlier and is no longer produced (`mizan generate` deletes it)"
            }[change.status]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def check_stale(config: ProjectConfig, ir: ProjectIR) -> list[Diagnostic]:
    """One `mizan-stale` diagnostic per file under `config.output` that
    generating `ir` for `config.targets` would change; files named relative
    to the configuration's folder."""
    out = []
    for change in diff_output(render(ir, config.targets), config.output):
        file = _relative(config.output / change.name, config.root)
        out.append(Diagnostic(STALE, f"{file} {describe_change(change)}: run `mizan generate`",
                              file, 1, 1, 1, 1))
    return out
