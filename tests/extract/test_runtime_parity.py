"""The invariant: for every fixture project and the demo shop, the static IR
(read from source) is byte-identical to the runtime IR (Django booted,
registry exported)."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mizan_core.extract import extract_ir
from mizan_core.ir import dumps_kdl

from ._golden import PROJECTS, ROOT

SHOP = ROOT / "examples" / "shop"

# Every fixture Django can import (`errors` is wrong on purpose, `legacy` uses
# the original system's `mizan` package, which does not exist any more).
RUNTIME_FIXTURES = {"basics": "fx_basics", "imports": "fx_imports", "types": "fx_types",
                    "contexts": "fx_contexts", "forms_channels": "fx_forms", "notes": "notes",
                    "wire_types": "fx_wire", "no_affects": "fx_orm", "async_refused": "fx_async"}


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
    importable = {p.name for p in PROJECTS.iterdir() if p.is_dir()
                  and not p.name.startswith(("_", "parity_"))}  # tests/parity runs parity_*
    assert importable - {"errors", "legacy"} == set(RUNTIME_FIXTURES)


@pytest.mark.parametrize("area", sorted(RUNTIME_FIXTURES))
def test_static_ir_equals_runtime_ir(area: str) -> None:
    root = PROJECTS / area
    assert_same(runtime_kdl(root, RUNTIME_FIXTURES[area]), dumps_kdl(extract_ir([root]).ir))


@pytest.mark.parametrize("fmt", ["kdl", "json"])
def test_demo_mizan_ir_equals_export_mizan_ir(fmt: str, tmp_path: Path) -> None:
    """The two user commands on the demo shop as it is: `mizan ir examples/shop`
    and `manage.py export_mizan_ir` (its own settings) print the same bytes."""
    static = subprocess.run([sys.executable, "-m", "mizan_core.cli", "ir", "--no-cache",
                             "--format", fmt, str(SHOP)], cwd=ROOT, check=False,
                            capture_output=True, text=True, timeout=120)
    assert static.returncode == 0, static.stdout[-2000:] + static.stderr[-2000:]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "shopsite.settings",
           "MIZAN_SHOP_DB": str(tmp_path / "shop.sqlite3")}
    runtime = subprocess.run([sys.executable, "manage.py", "export_mizan_ir", "--format", fmt],
                             cwd=SHOP, env=env, check=False, capture_output=True, text=True,
                             timeout=120)
    assert runtime.returncode == 0, runtime.stderr[-4000:]
    assert_same(runtime.stdout, static.stdout)


UNSUPPORTED = '''
import email.message as em
from email.message import Message as Mail

from django.http import HttpRequest

from mizan_django import client, register


class Plain:
    pass


@client
def spelled(request, a: Mail, b: em.Message, c: list[Mail], d: HttpRequest, e: Plain) -> Mail:
    raise NotImplementedError


register(spelled, "spelled")
'''


def test_unresolvable_names_are_spelt_as_their_class_on_both_sides(tmp_path: Path) -> None:
    """`Mail`, `em.Message`: one class, one label (its qualname) in both IRs."""
    app = tmp_path / "spelt"
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "apps.py").write_text((PROJECTS / "types" / "fx_types" / "apps.py").read_text()
                                 .replace("FxTypes", "Spelt").replace("fx_types", "spelt"))
    (app / "clients.py").write_text(UNSUPPORTED)
    static = dumps_kdl(extract_ir([tmp_path]).ir)
    assert static.count('unknown "Message"') == 4
    assert 'unknown "HttpRequest"' in static and 'unknown "Plain"' in static
    assert_same(runtime_kdl(tmp_path, "spelt"), static)
