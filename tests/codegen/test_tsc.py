"""The real TypeScript compilers over the generated output of every project.

Both TypeScript 5.x and 7.x compile each project's output and its
hand-written consumer `tests/ts/consumers/<name>.tsx` under tests/ts/tsconfig.json,
which carries the settings of Vite's react-ts template (`erasableSyntaxOnly`,
`verbatimModuleSyntax`, `noUnusedLocals`, `noUnusedParameters`, ...) plus the
strictest checks demanding projects add (`exactOptionalPropertyTypes`,
`noUncheckedIndexedAccess`). Each consumer uses every hook and holds
`// @ts-expect-error` lines for wrong argument names, wrong types and missing
arguments. An `@ts-expect-error` that is not an error is itself an error
(TS2578), so zero errors means both: the good calls type-check and the bad
ones are refused.

The same output is compiled a second time against what a new Vite project
installs today, React 19's types and zod 4 (tests/ts/tsconfig.latest.json
maps `react` and `zod` to those, installed under aliased names beside React
18 and zod 3). The consumers stay on React 18 (they use its global `JSX`);
what must hold for both is the generated code.
"""

from __future__ import annotations

import json
import re

import pytest

from ._projects import TS, project_names
from ._tsc import TSC_PACKAGES, build_project, run_tsc

# What users compile generated code with: Vite's react-ts template sets the
# first four; the last three are what stricter projects add on top.
REQUIRED_OPTIONS = ("erasableSyntaxOnly", "verbatimModuleSyntax", "noUnusedLocals", "noUnusedParameters",
                    "strict", "exactOptionalPropertyTypes", "noUncheckedIndexedAccess")


@pytest.fixture(scope="module")
def built() -> None:
    consumers = TS / "consumers"
    missing = [p for p in project_names() if not (consumers / f"{p}.tsx").is_file()]
    assert not missing, f"every project needs a consumer: write tests/ts/consumers/{missing[0]}.tsx"
    for project in project_names():
        text = (consumers / f"{project}.tsx").read_text(encoding="utf-8")
        assert text.count("@ts-expect-error") >= 3, f"{project}.tsx must prove misuse is refused"
        build_project(project)


def test_the_tsconfig_holds_every_setting_users_compile_with() -> None:
    options = json.loads((TS / "tsconfig.json").read_text(encoding="utf-8"))["compilerOptions"]
    assert [name for name in REQUIRED_OPTIONS if options.get(name) is not True] == []


def _zero_errors(major: str, config: str) -> None:
    version = run_tsc(major, "--version").stdout
    assert re.search(rf"Version {major}\.", version), f"expected TypeScript {major}.x, got {version!r}"
    done = run_tsc(major, "-p", config, "--noEmit", "--pretty", "false")
    errors = [line for line in done.stdout.splitlines() if re.search(r"error TS\d+", line)]
    assert done.returncode == 0 and not errors, f"TypeScript {major} ({config}) reported:\n" + done.stdout + done.stderr


@pytest.mark.parametrize("major", sorted(TSC_PACKAGES))
def test_tsc_accepts_every_output_and_refuses_every_misuse(major: str, built: None) -> None:
    _zero_errors(major, "tsconfig.json")


@pytest.mark.parametrize("major", sorted(TSC_PACKAGES))
def test_every_output_compiles_against_react_19_and_zod_4(major: str, built: None) -> None:
    _zero_errors(major, "tsconfig.latest.json")


def test_the_latest_config_reads_react_19_and_zod_4() -> None:
    listed = run_tsc("5", "-p", "tsconfig.latest.json", "--listFiles", "--noEmit").stdout
    assert "/node_modules/@types/react-19/index.d.ts" in listed and "/node_modules/zod-4/" in listed
    assert "/node_modules/@types/react/index.d.ts" not in listed and "/node_modules/zod/" not in listed
