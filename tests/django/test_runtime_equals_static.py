"""The invariant: for a project, ``export_mizan_ir`` (runtime) == ``mizan ir`` (static).

For every fixture project in ``tests/projects/`` and the demo shop, the
project is started with Django in a fresh interpreter (its own registry, a
minimal settings module: its apps are installed, so their ``ready()`` runs
``mizan_clients``) and its runtime IR is compared as KDL text with
``mizan_core.extract.extract_ir([root]).ir``. Projects that cannot be
imported on purpose (``errors``, or any directory holding a
``NOT_IMPORTABLE`` file) are left out; a module that fails to import
anywhere else fails the test. No fixture projects at all is a failure too,
never a skip.
"""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mizan_core.extract import extract_ir
from mizan_core.ir import dumps_kdl

REPO = Path(__file__).resolve().parents[2]
PROJECTS = REPO / "tests" / "projects"
SHOP = REPO / "examples" / "shop"
#: fixture projects never meant to run: `errors` is broken on purpose, `legacy`
#: imports the original system's `mizan.*` paths, which only the static side reads
NOT_IMPORTABLE = {"errors", "legacy"}
SKIPPED_MODULES = {"manage", "asgi", "wsgi"}

_RUNTIME = textwrap.dedent(
    """
    import importlib, json, sys
    from pathlib import Path

    root = Path(sys.argv[1])
    sys.path.insert(0, str(root))
    skipped = set(json.loads(sys.argv[2]))
    packages = sorted(p.name for p in root.iterdir() if (p / "__init__.py").exists())
    apps = [p for p in packages if (root / p / "apps.py").exists() or (root / p / "models.py").exists()]

    from django.conf import settings
    settings.configure(
        DEBUG=True, SECRET_KEY="runtime-ir", USE_TZ=True,
        INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes",
                        "django.contrib.sessions", "mizan_django", *apps],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        CHANNEL_LAYERS={"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}},
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
    )
    import django
    django.setup()
    # The runtime IR is what Django's startup imported (apps, mizan_clients);
    # every other module is imported afterwards only to prove it imports.
    from mizan_core.ir import dumps_kdl
    from mizan_django.export import runtime_ir
    kdl = dumps_kdl(runtime_ir())
    failures = {}
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if "migrations" in relative.parts or path.stem in skipped:
            continue
        parts = list(relative.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        if not parts:
            continue
        try:
            importlib.import_module(".".join(parts))
        except BaseException as error:
            failures[".".join(parts)] = f"{type(error).__name__}: {error}"
    print(json.dumps({"failures": failures, "kdl": kdl}))
    """
)


def _projects() -> list[Path]:
    if not PROJECTS.is_dir():
        return []
    return sorted(p for p in PROJECTS.iterdir() if p.is_dir() and p.name not in NOT_IMPORTABLE
                  and not (p / "NOT_IMPORTABLE").exists() and not p.name.startswith(("_", ".")))


def _runtime_kdl(root: Path) -> tuple[str, dict[str, str]]:
    proc = subprocess.run(
        [sys.executable, "-c", _RUNTIME, str(root), json.dumps(sorted(SKIPPED_MODULES))],
        cwd=REPO, capture_output=True, text=True, timeout=240, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    out = json.loads(proc.stdout.splitlines()[-1])
    return out["kdl"], out["failures"]


def _assert_equal(root: Path) -> None:
    runtime, failures = _runtime_kdl(root)
    assert not failures, f"modules of {root.name} failed to import: {failures}"
    static = dumps_kdl(extract_ir([root]).ir)
    if static != runtime:
        diff = "\n".join(difflib.unified_diff(static.splitlines(), runtime.splitlines(),
                                              "static", "runtime", lineterm=""))
        pytest.fail(f"runtime IR != static IR for {root}:\n{diff}")


def test_fixture_projects_exist() -> None:
    assert _projects(), f"no importable fixture projects under {PROJECTS}"


@pytest.mark.parametrize("root", _projects(), ids=lambda p: p.name)
def test_runtime_ir_equals_static_ir(root: Path) -> None:
    _assert_equal(root)


def test_demo_shop_runtime_ir_equals_static_ir() -> None:
    # Every module of the shop imports: its deliberate mistakes live in examples/mistakes.
    _assert_equal(SHOP)
