"""The dependency rule between the packages (README "Layout"), checked on what actually gets imported.

``mizan_core`` is framework-free: it must load neither Django nor mypy nor
pygls/lsprotocol, nor the packages built on it (``mizan lsp`` reaches
``mizan_lsp`` through an entry point). ``mizan_mypy`` and ``mizan_lsp`` build on ``mizan_core`` and
must never load Django or ``mizan_django``. Each package and every submodule
found by ``pkgutil.walk_packages`` is imported in a fresh interpreter (so one
test's imports cannot hide another's), and ``sys.modules`` is inspected. A
module that fails to import is a failure, not a skip.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]

FORBIDDEN: dict[str, tuple[str, ...]] = {
    "mizan_core": ("django", "mypy", "pygls", "lsprotocol",
                   "mizan_django", "mizan_lsp", "mizan_mypy"),
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


# --- private names stay in their package ------------------------------------------------
#
# A `_private` module is its package's: the package's own modules and its
# subpackages may import it (mizan_lsp.features uses mizan_lsp._convert). A
# `_private` name inside a module is for that module's own package (its
# directory) only. Another library's private module or name is not ours to
# lean on: allowed only on a line saying why (`# private-api: <reason>`),
# with the library's version pinned.

_MARK = "# private-api:"
PACKAGES = ("mizan_core", "mizan_django", "mizan_mypy", "mizan_lsp")


def _private(part: str) -> bool:
    return part.startswith("_") and not (part.startswith("__") and part.endswith("__"))


def _imports(file: Path, root: Path) -> list[tuple[int, int, str, str | None]]:
    """(first line, last line, module, imported name or None) of each import in `file`."""
    parts = list(file.relative_to(root).with_suffix("").parts)
    package = parts[:-1]  # a module's and an __init__'s package are both its folder
    found: list[tuple[int, int, str, str | None]] = []
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"), str(file))):
        if isinstance(node, ast.Import):
            end = node.end_lineno or node.lineno
            found.extend((node.lineno, end, alias.name, None) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            end = node.end_lineno or node.lineno
            base = node.module or ""
            if node.level:
                anchor = package[:len(package) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.extend((node.lineno, end, base, alias.name) for alias in node.names)
    return found


def private_imports(root: Path, packages: tuple[str, ...] = PACKAGES) -> list[str]:
    """`file:line: what` for each import of a private module or name from
    outside where it may be used (see above)."""

    def is_package(dotted: str) -> bool:
        return (root / dotted.replace(".", "/") / "__init__.py").is_file()

    def is_module(dotted: str) -> bool:
        return is_package(dotted) or (root / (dotted.replace(".", "/") + ".py")).is_file()

    offenders = []
    for top in packages:
        for file in sorted((root / top).rglob("*.py")):
            rel = file.relative_to(root)
            here = ".".join(rel.parent.parts)
            lines = file.read_text(encoding="utf-8").splitlines()
            for first, last, module, name in _imports(file, root):
                ours = module.split(".")[0] in packages
                dotted = module.split(".")
                if name is not None and ours and is_module(f"{module}.{name}"):
                    dotted, name = [*dotted, name], None  # `from pkg import _mod` is a module
                problems = []
                where = next((i for i, part in enumerate(dotted) if _private(part)), None)
                if where is not None:  # a private module: its package and the ones below
                    owner = ".".join(dotted[:where])
                    if not (ours and (here == owner or here.startswith(owner + "."))):
                        problems.append(".".join(dotted))
                if name is not None and _private(name):  # a private name: its folder only
                    owner = module if is_package(module) else ".".join(dotted[:-1])
                    if not (ours and here == owner):
                        problems.append(f"{module}.{name}")
                if not problems:
                    continue
                marked = any(_MARK in line for line in lines[first - 1:last])
                if not (marked and not ours):
                    offenders.append(f"{rel.as_posix()}:{first}: imports {problems[0]}")
    return offenders


def test_no_module_imports_a_private_name_of_another_package() -> None:
    offenders = private_imports(ROOT)
    assert not offenders, "private imports across packages:\n" + "\n".join(offenders)


def test_the_private_import_rule_sees_offenders(tmp_path: Path) -> None:
    files = {
        "mizan_core/__init__.py": "",
        "mizan_core/_helper.py": "_SECRET = 1\n",
        "mizan_core/rules/__init__.py": "",
        "mizan_core/rules/sites.py": "_Compact = 1\n",
        "mizan_core/rules/near.py": "from .sites import _Compact\n",  # same folder: fine
        "mizan_core/sub/__init__.py": "",
        "mizan_core/sub/ok.py": "from mizan_core._helper import thing\n",  # below its package
        "mizan_core/sub/bad.py": ("from mizan_core.rules.sites import _Compact\n"
                                  "from .._helper import _SECRET\n"
                                  "import libcst._nodes\n"
                                  "from libcst._nodes import x  # private-api: no public twin\n"
                                  "from mizan_core._helper import y  # private-api: ours\n"),
        "mizan_lsp/__init__.py": "",
        "mizan_lsp/user.py": "from mizan_core import _helper\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert private_imports(tmp_path, ("mizan_core", "mizan_lsp")) == [
        "mizan_core/sub/bad.py:1: imports mizan_core.rules.sites._Compact",
        "mizan_core/sub/bad.py:2: imports mizan_core._helper._SECRET",
        "mizan_core/sub/bad.py:3: imports libcst._nodes",
        "mizan_lsp/user.py:1: imports mizan_core._helper",
    ]
