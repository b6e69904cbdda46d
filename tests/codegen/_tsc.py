"""Running the TypeScript tools installed under tests/ts (by `make test`).

Two compilers are installed side by side: TypeScript 5.x as `typescript` and
7.x (the native compiler Vite's react-ts template pins) as `typescript-7`.
Both packages name their binary `tsc`, so `node_modules/.bin/tsc` is
whichever npm linked last; `run_tsc` runs each by its package path instead.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from mizan_core.codegen import generate
from mizan_core.ir import ProjectIR

from ._projects import TS, load_project

__all__ = ["TSC_PACKAGES", "build_project", "check_generated", "generate_checked", "node_tool", "run_tool", "run_tsc"]

# A project's compiler skips the generated declaration files (they say
# `// @ts-nocheck`); the tests that prove the generated code type-checks
# take that line out, so that the compiler checks them as it does the runtime.
NOCHECK = "// @ts-nocheck"

MISSING = ("{tool} is not installed under tests/ts/node_modules: run `make test` "
           "(it runs `npm ci --prefix tests/ts`), or that npm command yourself")


def node_tool(name: str) -> Path:
    if shutil.which("node") is None:
        raise AssertionError("node is not on PATH: the TypeScript tests need Node.js and npm")
    tool = TS / "node_modules" / ".bin" / name
    if not tool.exists():
        raise AssertionError(MISSING.format(tool=name))
    return tool


TSC_PACKAGES = {"5": "typescript", "7": "typescript-7"}


def run_tsc(major: str, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """`tsc` of TypeScript `major` (a key of `TSC_PACKAGES`), run in tests/ts."""
    node = shutil.which("node")
    if node is None:
        raise AssertionError("node is not on PATH: the TypeScript tests need Node.js and npm")
    tsc = TS / "node_modules" / TSC_PACKAGES[major] / "bin" / "tsc"
    if not tsc.exists():
        raise AssertionError(MISSING.format(tool=f"{TSC_PACKAGES[major]} (TypeScript {major})"))
    return subprocess.run([node, str(tsc), *args], cwd=TS, capture_output=True, text=True, check=False,
                          timeout=timeout)


def run_tool(name: str, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(node_tool(name)), *args], cwd=TS, capture_output=True, text=True, check=False,
                          timeout=timeout)


def check_generated(folder: Path) -> None:
    """Take the `@ts-nocheck` line out of every generated file under `folder`."""
    for path in folder.rglob("*.ts"):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        kept = [line for line in lines[:3] if not line.startswith(NOCHECK)] + lines[3:]
        if len(kept) != len(lines):
            path.write_text("".join(kept), encoding="utf-8")


def generate_checked(ir: ProjectIR, out: Path, targets: Sequence[str] = ("react",)) -> None:
    """`generate` into `out`, with every generated file checked by the compiler."""
    generate(ir, out, targets)
    check_generated(out)


def build_project(project: str) -> Path:
    """Generate `project` into tests/ts/build/<project>/api (fresh, checked) and return that folder."""
    out = TS / "build" / project / "api"
    shutil.rmtree(out, ignore_errors=True)
    generate_checked(load_project(project), out)
    return out
