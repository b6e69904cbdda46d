"""The IRs the generator is tested on, and where their generated output goes.

- `tests/codegen/irs/*.kdl`: `shop` (the demo, as `manage.py export_mizan_ir`
  prints it) and `kitchen` (every IR node kind and every naming clash);
- `tests/projects/<name>/expected.kdl`: the fixture projects of the extractor,
  except `_demo`: it is the demo shop again, byte-identical to `irs/shop.kdl`
  (test_golden checks that), so it is generated and compiled once, as `shop`.

Every project needs a golden folder (`tests/codegen/golden/<name>/`) and a
consumer (`tests/ts/consumers/<name>.tsx`); a project without them fails.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from mizan_core.ir import ProjectIR, loads_kdl

__all__ = ["GOLDEN", "PROJECTS", "REPO", "TS", "load_project", "project_names"]

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
GOLDEN = HERE / "golden"
TS = REPO / "tests" / "ts"


def _sources() -> dict[str, Path]:
    found = {p.stem: p for p in sorted((HERE / "irs").glob("*.kdl"))}
    for expected in sorted((REPO / "tests" / "projects").glob("*/expected.kdl")):
        if expected.parent.name != "_demo":
            found.setdefault(expected.parent.name, expected)
    return found


PROJECTS = _sources()


def project_names() -> list[str]:
    return sorted(PROJECTS)


@cache
def load_project(name: str) -> ProjectIR:
    return loads_kdl(PROJECTS[name].read_text(encoding="utf-8"))
