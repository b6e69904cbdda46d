"""Static IR vs runtime IR (and the TypeScript of each) for a project on disk.

The static side is `mizan_core.extract.extract_ir` in this process (what
`mizan ir` prints); the runtime side is `python manage.py export_mizan_ir`
in a fresh interpreter under the project's own settings, as a user runs it.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from mizan_core.codegen import render
from mizan_core.extract import extract_ir
from mizan_core.ir import dumps_kdl, loads_kdl
from mizan_core.ir.errors import IRFormatError

__all__ = ["Outcome", "compare_project", "runtime_kdl"]

SETTINGS = "gensite.settings"


@dataclass(frozen=True)
class Outcome:
    static: str
    runtime: str
    errors: tuple[str, ...]  # error-level findings of the static side
    ts_diff: str  # empty when the two IRs generate the same TypeScript

    def problems(self) -> str:
        """Empty when the project holds the invariant; else what differs."""
        out: list[str] = []
        if self.errors:
            out.append("the static side reports errors on a valid project:\n  "
                       + "\n  ".join(self.errors))
        if self.static != self.runtime:
            out.append("static IR != runtime IR:\n" + "".join(difflib.unified_diff(
                self.static.splitlines(True), self.runtime.splitlines(True), "static", "runtime",
                n=2)))
        if self.ts_diff:
            out.append("generated TypeScript differs:\n" + self.ts_diff)
        return "\n\n".join(out)


def runtime_kdl(root: Path, settings: str = SETTINGS) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONPATH", None)
    done = subprocess.run([sys.executable, "manage.py", "export_mizan_ir"], cwd=root, env=env,
                          check=False, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise AssertionError(f"export_mizan_ir failed in {root}:\n{done.stderr[-6000:]}")
    return done.stdout


def _ts_diff(static: dict[str, str], runtime: dict[str, str]) -> str:
    out: list[str] = []
    for name in sorted(set(static) | set(runtime)):
        a, b = static.get(name, ""), runtime.get(name, "")
        if a != b:
            out.extend(difflib.unified_diff(a.splitlines(True), b.splitlines(True),
                                            f"static/{name}", f"runtime/{name}", n=1))
    return "".join(out)[:6000]


def compare_project(root: Path, settings: str = SETTINGS) -> Outcome:
    result = extract_ir([root])
    errors = tuple(f"{d.file}:{d.line}: {d.code} {d.message}" for d in result.diagnostics
                   if d.severity == "error")
    static = dumps_kdl(result.ir)
    runtime = runtime_kdl(root, settings)
    try:
        ts = _ts_diff(render(result.ir), render(loads_kdl(runtime)))
    except IRFormatError as error:  # a runtime IR the reader refuses: the IR diff shows why
        ts = f"(runtime IR unreadable: {type(error).__name__}: {error})"
    return Outcome(static, runtime, errors, ts)
