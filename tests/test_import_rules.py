"""The dependency rule between the packages (README "Layout"), checked on what actually gets imported.

``mizan_core`` is framework-free: it must load neither Django nor mypy nor
pygls/lsprotocol. ``mizan_mypy`` and ``mizan_lsp`` build on ``mizan_core`` and
must never load Django or ``mizan_django``. Each package and every submodule
found by ``pkgutil.walk_packages`` is imported in a fresh interpreter (so one
test's imports cannot hide another's), and ``sys.modules`` is inspected. A
module that fails to import is a failure, not a skip.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]

FORBIDDEN: dict[str, tuple[str, ...]] = {
    "mizan_core": ("django", "mypy", "pygls", "lsprotocol"),
    "mizan_mypy": ("django", "mizan_django"),
    "mizan_lsp": ("django", "mizan_django"),
}

_PROBE = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys, traceback

    package_name, forbidden = sys.argv[1], sys.argv[2].split(",")
    imported, failures, walk_errors = [], {}, []

    def record(name):
        try:
            importlib.import_module(name)
            imported.append(name)
            return True
        except BaseException:
            failures[name] = traceback.format_exc()
            return False

    if record(package_name):
        package = sys.modules[package_name]
        for info in pkgutil.walk_packages(package.__path__, package_name + ".",
                                          onerror=walk_errors.append):
            record(info.name)

    def offending(top):
        return sorted(m for m in sys.modules if m == top or m.startswith(top + "."))

    loaded = {top: offending(top) for top in forbidden}
    print(json.dumps({"imported": imported, "failures": failures,
                      "walk_errors": walk_errors,
                      "loaded": {k: v for k, v in loaded.items() if v}}))
    """
)


def _probe(package: str, forbidden: tuple[str, ...]) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, package, ",".join(forbidden)],
        cwd=ROOT, capture_output=True, text=True, timeout=240, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout.splitlines()[-1])
    return result


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_stay_within_the_dependency_rule(package: str) -> None:
    result = _probe(package, FORBIDDEN[package])
    failures = result["failures"]
    assert not failures, f"{package}: modules failed to import:\n" + "\n".join(
        f"--- {name}\n{trace}" for name, trace in failures.items()
    )
    assert not result["walk_errors"], result["walk_errors"]
    assert package in result["imported"]
    assert not result["loaded"], (
        f"{package} (modules {result['imported']}) loaded forbidden modules: {result['loaded']}"
    )


def test_the_probe_sees_a_forbidden_import() -> None:
    # json imports json.decoder: the probe must notice, or the rule test is blind.
    result = _probe("json", ("json.decoder",))
    assert result["loaded"] == {"json.decoder": ["json.decoder"]}
