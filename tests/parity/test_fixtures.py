"""The projects the generator found mismatches in, shrunk and kept: each one's
static IR equals its runtime IR (`manage.py export_mizan_ir`) and generates
the same TypeScript.

Each `tests/projects/parity_<name>/` is a whole project (settings package,
`manage.py`, apps), so the runtime side runs exactly as a user runs it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import compare_project

PROJECTS = Path(__file__).resolve().parents[1] / "projects"
FIXTURES = sorted(PROJECTS.glob("parity_*"))


def test_there_are_kept_projects() -> None:
    assert FIXTURES, f"no parity_* projects under {PROJECTS}"


@pytest.mark.parametrize("root", FIXTURES, ids=lambda p: p.name)
def test_kept_project_static_ir_equals_runtime_ir(root: Path) -> None:
    problems = compare_project(root).problems()
    assert not problems, problems
