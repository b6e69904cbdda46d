"""The generated client under the linters its users run over `src`.

A project made from Vite's templates lints its whole `src`, the generated
folder included: a React project with oxlint and the react-ts template's
`.oxlintrc.json` today (the demo frontend's is the template's), or ESLint
with typescript-eslint's and react-hooks' recommended rules as the template
had before; a Vue or Svelte project (their templates ship no linter) with
ESLint and typescript-eslint for its `.ts` files, or oxlint's defaults.
Generated code is not the project's to change, so none of them may report
anything in it: the declaration files say `/* eslint-disable */` before
their `// @ts-nocheck` (typescript-eslint's `ban-ts-comment` refuses the
pragma), and the runtime files those rules would refuse say it too. An
unused disable directive is itself a warning (ESLint reports them by
default), so each directive must be needed where it is.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from mizan_core.codegen import generate

from ._projects import REPO, TS, load_project
from ._tsc import node_tool

TARGETS = ("react", "react-query", "vue", "svelte")
REACT = ("react", "react-query")
TEMPLATE_OXLINT = REPO / "examples" / "shop" / "frontend" / ".oxlintrc.json"
ESLINT_REACT = TS / "lint" / "eslint.config.js"
ESLINT_TYPESCRIPT = TS / "lint" / "eslint.typescript.config.js"


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


def _clean(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 0, done.stdout + done.stderr


def _oxlint_clean(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 0 and "Found 0 warnings and 0 errors" in done.stdout, done.stdout + done.stderr


@pytest.mark.parametrize("target", REACT)
def test_the_react_templates_oxlint_reports_nothing(written: Path, target: str) -> None:
    _oxlint_clean(_lint("oxlint", "-c", str(TEMPLATE_OXLINT), target, cwd=written))


@pytest.mark.parametrize("target", REACT)
def test_oxlint_refusing_ts_comments_reports_nothing(written: Path, target: str) -> None:
    _oxlint_clean(_lint("oxlint", "-c", str(TEMPLATE_OXLINT), "-D", "typescript/ban-ts-comment", target,
                        cwd=written))


@pytest.mark.parametrize("target", REACT)
def test_eslint_with_typescript_eslint_and_react_hooks_reports_nothing(written: Path, target: str) -> None:
    _clean(_lint("eslint", "-c", str(ESLINT_REACT), "--max-warnings", "0", target, cwd=written))


@pytest.mark.parametrize("target", ["vue", "svelte"])
def test_eslint_with_typescript_eslint_reports_nothing(written: Path, target: str) -> None:
    _clean(_lint("eslint", "-c", str(ESLINT_TYPESCRIPT), "--max-warnings", "0", target, cwd=written))


@pytest.mark.parametrize("target", TARGETS)
def test_oxlints_defaults_report_nothing(written: Path, target: str) -> None:
    # No configuration file at all: oxlint's own default rules.
    _oxlint_clean(_lint("oxlint", target, cwd=written))
