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

A project's own compiler skips the generated declaration files, which say
`// @ts-nocheck`: these tests take that line out (`build_project`), so that
the compiler checks the generated code itself. The last test compiles the
output as it is written: the user's code still gets every type and every
refusal, an error in a declaration file goes unreported, and one in the
runtime or the root is reported.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from mizan_core.codegen import generate

from ._projects import TS, load_project, project_names
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


AS_GENERATED = TS / "build-as-generated"
PLANTED = '\nexport const planted: number = "not a number";\n'
USER_CODE = """import { callAddItem, useCart } from "./api";
import type { CartOut } from "./api";

export async function add(): Promise<number> {
  const cart: CartOut = await callAddItem({ cart_id: 1, sku: "tea" });
  // @ts-expect-error wrong argument name
  await callAddItem({ cart_id: 1, skuu: "tea" });
  return cart.cart_id;
}
export const hook = useCart;
"""


def _reported(major: str) -> list[str]:
    done = run_tsc(major, "-p", "build-as-generated/tsconfig.json", "--noEmit", "--pretty", "false")
    return [line.split("(")[0] for line in done.stdout.splitlines() if re.search(r"error TS\d+", line)]


@pytest.mark.parametrize("major", sorted(TSC_PACKAGES))
def test_a_projects_compiler_skips_the_declarations_and_checks_the_runtime_and_its_own_code(major: str) -> None:
    # The output as `mizan generate` writes it, included whole as Vite's `include: ["src"]` does.
    shutil.rmtree(AS_GENERATED, ignore_errors=True)
    api = AS_GENERATED / "api"
    generate(load_project("shop"), api)
    (AS_GENERATED / "user.ts").write_text(USER_CODE, encoding="utf-8")
    (AS_GENERATED / "tsconfig.json").write_text(json.dumps({"extends": "../tsconfig.json",
                                                            "include": ["user.ts", "api/**/*.ts"]}))
    # The declarations' types reach the user's code, misuse included.
    assert _reported(major) == []
    declarations = [api / "modules" / "shop.clients" / "index.ts", api / "index.ts", api / "calls.ts"]
    for path in declarations:
        path.write_text(path.read_text(encoding="utf-8") + PLANTED, encoding="utf-8")
    assert _reported(major) == []
    checked = [api / "kernel.ts", api / "kernel-react.ts", api / "root" / "react.ts"]
    for path in checked:
        path.write_text(path.read_text(encoding="utf-8") + PLANTED, encoding="utf-8")
    assert sorted(_reported(major)) == sorted(p.relative_to(TS).as_posix() for p in checked)
