"""A typed project using every public API is clean under mypy and basedpyright.

``cases/public_api.py`` is written the way the docs write a project (every
``@client`` parameter, ``register(fn, "name")`` statements under each import
path, forms whose ``on_submit_success`` returns a dict or a model, a
``ReactChannel``, ``mizan_clients``, ``wrap_asgi``, ``invalidate``). It must be clean under
``mypy --strict`` with django-stubs' plugin, and under basedpyright's
``recommended`` mode (warnings fail too) with one rule off:
``reportUnusedParameter``, since the contract names a server function's
first parameter ``request`` whether the body reads it or not, and only a
leading underscore would silence the rule.

Mutants prove the checks can fail: ``register`` returning the function
again (or ``invalidate`` its entries) makes every documented
``register(...)`` (``invalidate(...)``) line a ``reportUnusedCallResult``,
and ``on_submit_success`` annotated ``-> None`` makes the documented forms a
mypy ``[override]`` error.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.typing._tools import Mutation, run_basedpyright, run_mypy, workdir

CASE = Path(__file__).with_name("cases") / "public_api.py"

MYPY_CONFIG = """\
[mypy]
strict = True
plugins = mypy_django_plugin.main

[mypy.plugins.django-stubs]
django_settings_module = tests.django.settings
"""
PYRIGHT_CONFIG = {"typeCheckingMode": "recommended", "reportUnusedParameter": False}

REGISTER_RETURNS_FN: list[Mutation] = [
    ("mizan_core/registry.py",
     ') -> None:\n    """Expose a ``@client`` function under a public name.',
     ') -> ServerFunction[..., Any]:\n    """Expose a ``@client`` function under a public name.'),
    ("mizan_core/registry.py",
     "    (default_registry if registry is None else registry).register(fn, name)\n",
     "    (default_registry if registry is None else registry).register(fn, name)\n"
     + "    return fn\n"),
]
INVALIDATE_RETURNS_ENTRIES: list[Mutation] = [
    ("mizan_django/__init__.py",
     "**scope: Any) -> None:",
     "**scope: Any) -> list[dict[str, Any]]:"),
    ("mizan_django/__init__.py", "    run(target, **scope)\n", "    return run(target, **scope)\n"),
]
SUBMIT_RETURNS_NONE: list[Mutation] = [
    ("mizan_django/forms.py",
     "def on_submit_success(self, request: HttpRequest) -> object:",
     "def on_submit_success(self, request: HttpRequest) -> None:"),
]


def _mypy_errors(tmp_path: Path, mutations: Sequence[Mutation] = ()) -> list[str]:
    proc = run_mypy(workdir(tmp_path, CASE, mutations), CASE.name, MYPY_CONFIG)
    return [line for line in proc.stdout.splitlines() if ": error:" in line]


def _pyright_findings(tmp_path: Path, mutations: Sequence[Mutation] = ()) -> list[dict[str, Any]]:
    report = run_basedpyright(workdir(tmp_path, CASE, mutations), CASE.name, PYRIGHT_CONFIG)
    findings: list[dict[str, Any]] = report["generalDiagnostics"]
    return findings


def _describe(findings: list[dict[str, Any]]) -> list[str]:
    return [f"{f['range']['start']['line'] + 1}: {f.get('rule', '')} {f['message']}"
            for f in findings]


def test_the_case_silences_nothing() -> None:
    assert re.search(r"#\s*(type:\s*ignore|pyright:)", CASE.read_text()) is None


def test_mypy_strict_is_clean(tmp_path: Path) -> None:
    assert _mypy_errors(tmp_path) == []


def test_basedpyright_recommended_is_clean(tmp_path: Path) -> None:
    findings = _pyright_findings(tmp_path)
    assert findings == [], _describe(findings)


@pytest.mark.parametrize(("mutations", "statement"), [
    (REGISTER_RETURNS_FN, r"(\w+\.)?(\w+_)?register\("),
    (INVALIDATE_RETURNS_ENTRIES, r"\s*invalidate\("),
], ids=["register-returns-fn", "invalidate-returns-entries"])
def test_basedpyright_fails_when_a_statement_call_returns_a_value(
        tmp_path: Path, mutations: list[Mutation], statement: str) -> None:
    findings = _pyright_findings(tmp_path, mutations)
    lines = {f["range"]["start"]["line"] + 1 for f in findings
             if f.get("rule") == "reportUnusedCallResult"}
    calls = {n for n, line in enumerate(CASE.read_text().splitlines(), start=1)
             if re.match(statement, line)}
    assert calls and calls <= lines, _describe(findings)


def test_mypy_fails_when_on_submit_success_returns_none(tmp_path: Path) -> None:
    errors = _mypy_errors(tmp_path, SUBMIT_RETURNS_NONE)
    overrides = [e for e in errors if "[override]" in e and "on_submit_success" in e]
    assert len(overrides) == 2, errors  # the dict form and the model form
