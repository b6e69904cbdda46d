"""`mizan ...` in this process, from a chosen folder, as a user types it."""

from __future__ import annotations

import io
import os
from pathlib import Path

from mizan_core.cli import main

__all__ = ["PROJECTS", "ROOT", "run"]

ROOT = Path(__file__).resolve().parents[2]
PROJECTS = ROOT / "tests" / "projects"


def run(*argv: str, cwd: Path = ROOT) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `mizan *argv` run in `cwd`."""
    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        code = main(list(argv), out=out, err=err)
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()
