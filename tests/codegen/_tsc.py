"""Running the TypeScript tools installed under tests/ts (by `make test`)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from mizan_core.codegen import generate

from ._projects import TS, load_project

__all__ = ["build_project", "node_tool", "run_tool"]

MISSING = ("{tool} is not installed under tests/ts/node_modules: run `make test` "
           "(it runs `npm ci --prefix tests/ts`), or that npm command yourself")


def node_tool(name: str) -> Path:
    if shutil.which("node") is None:
        raise AssertionError("node is not on PATH: the TypeScript tests need Node.js and npm")
    tool = TS / "node_modules" / ".bin" / name
    if not tool.exists():
        raise AssertionError(MISSING.format(tool=name))
    return tool


def run_tool(name: str, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(node_tool(name)), *args], cwd=TS, capture_output=True, text=True, check=False,
                          timeout=timeout)


def build_project(project: str) -> Path:
    """Generate `project` into tests/ts/build/<project>/api (fresh) and return that folder."""
    out = TS / "build" / project / "api"
    shutil.rmtree(out, ignore_errors=True)
    generate(load_project(project), out)
    return out
