"""OpenAPI and manifest from the running project == from source, for every fixture.

A project with its own `manage.py` runs `manage.py export_mizan_ir --format
openapi|manifest` under its settings, as a user runs it; the other fixture
projects (apps without a settings module) are booted with the minimal
settings of tests/django/test_runtime_equals_static.py, and their runtime IR
is rendered by the same emitter. The demo is in test_openapi.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mizan_core.export import render_ir
from mizan_core.extract import extract_ir
from mizan_core.ir import loads_kdl
from tests.django.test_runtime_equals_static import _projects, _runtime_kdl

FORMATS = ("openapi", "manifest")
PROJECTS = _projects()


def _manage(root: Path, fmt: str) -> str:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)  # manage.py picks the project's own
    env.pop("PYTHONPATH", None)
    done = subprocess.run([sys.executable, "manage.py", "export_mizan_ir", "--format", fmt],
                          cwd=root, env=env, capture_output=True, text=True, timeout=240,
                          check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    return done.stdout


def test_there_are_fixture_projects() -> None:
    assert PROJECTS


@pytest.mark.parametrize("root", PROJECTS, ids=lambda p: p.name)
def test_runtime_documents_equal_static_documents(root: Path) -> None:
    static_ir = extract_ir([root]).ir
    if (root / "manage.py").is_file():
        runtime = {fmt: _manage(root, fmt) for fmt in FORMATS}
    else:
        kdl, failures = _runtime_kdl(root)
        assert not failures, failures
        runtime_ir = loads_kdl(kdl)
        runtime = {fmt: render_ir(runtime_ir, fmt) for fmt in FORMATS}
    for fmt in FORMATS:
        assert render_ir(static_ir, fmt) == runtime[fmt], f"{root.name}: {fmt} differs"
