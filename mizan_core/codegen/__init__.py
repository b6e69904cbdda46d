"""The TypeScript generator: IR -> one folder of TypeScript for the configured targets.

Pure over an IR it is given: `render()` (file name -> text, one emitter per
output module), then `write_output()` (disk) or `diff_output()` (what would
change), and `check_stale()` (the same comparison as `mizan-stale`
diagnostics). Where the IR comes from, and what a user sees of it, is the
command layer's (`mizan_core.commands.generate`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mizan_core.ir import ProjectIR

from .render import render
from .stale import check_stale, describe_change
from .writer import FileChange, WriteResult, diff_output, write_output

__all__ = [
    "FileChange", "WriteResult", "check_stale", "describe_change", "diff_output", "generate",
    "render", "write_output",
]


def generate(ir: ProjectIR, out_dir: Path, targets: Sequence[str] = ("react",)) -> WriteResult:
    """Write the TypeScript of `ir` into `out_dir` (unchanged files untouched, stale ones deleted)."""
    return write_output(render(ir, targets), Path(out_dir))
