"""The generated client under the linters of Vite's react-ts template.

A project made from the template lints its whole `src`, the generated
folder included: oxlint with the template's `.oxlintrc.json` today (the demo
frontend's is the template's), ESLint with typescript-eslint's and
react-hooks' recommended rules before it. Generated code is not the
project's to change, so neither may report anything in it, for any target:
the declaration files say `/* eslint-disable */` before their
`// @ts-nocheck` (typescript-eslint's `ban-ts-comment` refuses the pragma),
and the runtime files that the React rules would refuse say it too. An
unused disable directive is itself a warning (ESLint reports them by
default), so each directive must be needed.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from mizan_core.codegen import generate

from ._projects import REPO, TS, load_project
from ._tsc import node_tool

TARGETS = ("react", "react-query", "vue", "svelte")
TEMPLATE_OXLINT = REPO / "examples" / "shop" / "frontend" / ".oxlintrc.json"
ESLINT_CONFIG = TS / "lint" / "eslint.config.js"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo shop's client as `mizan generate` writes it, for each target.

    Outside the repository: oxlint skips what a `.gitignore` names, and the
    repository ignores its build folders (a project does not ignore `src/api`).
    """
    root = tmp_path_factory.mktemp("lint")
    for target in TARGETS:
        generate(load_project("shop"), root / target / "src" / "api", (target,))
    return root


def _lint(tool: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(node_tool(tool)), *args], cwd=cwd, capture_output=True, text=True, check=False,
                          timeout=600)


def test_the_templates_oxlint_reports_nothing(written: Path) -> None:
    done = _lint("oxlint", "-c", str(TEMPLATE_OXLINT), ".", cwd=written)
    assert done.returncode == 0 and "Found 0 warnings and 0 errors" in done.stdout, done.stdout + done.stderr


def test_oxlint_refusing_ts_comments_reports_nothing(written: Path) -> None:
    done = _lint("oxlint", "-c", str(TEMPLATE_OXLINT), "-D", "typescript/ban-ts-comment", ".", cwd=written)
    assert done.returncode == 0 and "Found 0 warnings and 0 errors" in done.stdout, done.stdout + done.stderr


def test_eslint_with_typescript_eslint_and_react_hooks_reports_nothing(written: Path) -> None:
    done = _lint("eslint", "-c", str(ESLINT_CONFIG), "--max-warnings", "0", ".", cwd=written)
    assert done.returncode == 0, done.stdout + done.stderr
