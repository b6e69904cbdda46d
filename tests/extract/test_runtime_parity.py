"""The invariant: for every fixture project, the static IR (read from source)
is byte-identical to the runtime IR (Django booted, registry exported)."""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mizan_core.extract import extract_ir
from mizan_core.ir import dumps_kdl

from ._golden import PROJECTS, ROOT

# Every fixture Django can import (`errors` is wrong on purpose, `legacy` uses
# the original system's `mizan` package, which does not exist any more).
RUNTIME_FIXTURES = {"basics": "fx_basics", "imports": "fx_imports", "types": "fx_types",
                    "contexts": "fx_contexts", "forms_channels": "fx_forms"}


def runtime_kdl(root: Path, app: str) -> str:
    done = subprocess.run([sys.executable, "-m", "tests.extract._runtime_export", str(root), app],
                          cwd=ROOT, check=False, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def assert_same(runtime: str, static: str) -> None:
    diff = "".join(difflib.unified_diff(runtime.splitlines(True), static.splitlines(True),
                                        "runtime", "static", n=2))
    assert runtime == static, diff[:6000]


def test_every_fixture_is_covered() -> None:
    importable = {p.name for p in PROJECTS.iterdir() if p.is_dir() and not p.name.startswith("_")}
    assert importable - {"errors", "legacy"} == set(RUNTIME_FIXTURES)


@pytest.mark.parametrize("area", sorted(RUNTIME_FIXTURES))
def test_static_ir_equals_runtime_ir(area: str) -> None:
    root = PROJECTS / area
    assert_same(runtime_kdl(root, RUNTIME_FIXTURES[area]), dumps_kdl(extract_ir([root]).ir))


def test_demo_static_ir_equals_runtime_ir(tmp_path: Path) -> None:
    """The demo shop, without the deliberately broken module nothing imports."""
    shop = tmp_path / "shop_project"
    shutil.copytree(ROOT / "examples" / "shop", shop,
                    ignore=shutil.ignore_patterns("*.sqlite3", "__pycache__", "node_modules"))
    (shop / "shop" / "broken.py").unlink()
    assert_same(runtime_kdl(shop, "shop"), dumps_kdl(extract_ir([shop]).ir))
