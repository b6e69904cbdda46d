"""The Vue 3 target (`targets = ["vue"]`): its golden output, its checkers, and
its composables against the live demo.

- golden: the Vue files (`vue.ts`, `root/vue.ts`, each module's `vue.ts`) and `index.ts` of some projects, byte for byte, under
  tests/codegen/golden_vue/<project>/; every other file is the framework-free
  core, the same bytes as the React target's;
- checkers: the Vue output of several projects, with the hand-written consumers
  tests/ts/consumers-vue/ (a `.ts` app and a single-file component whose
  template uses `<CartProvider>`), compiles with zero errors under vue-tsc
  and under plain tsc 5.9 and 7 (tsconfig.vue.json: the strict settings of the
  React output).
  The consumers hold `@ts-expect-error` / `@vue-expect-error` lines, and an
  expected error that does not happen is itself an error;
- live: tests/ts/live-vue/ in vitest (jsdom + @testing-library/vue) against the
  demo served by uvicorn (tests/channels/conftest.py), as "bob" with an MWT.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mizan_core.codegen import render
from mizan_core.codegen.kernel import kernel_source, runtime_files
from tests.channels.conftest import Server, Site, module_server, site_db  # noqa: F401  (fixtures)

from ._live import run_live_suite
from ._projects import TS, load_project, match_golden, target_files
from ._tsc import TSC_PACKAGES, generate_checked, run_tool, run_tsc

GOLDEN = Path(__file__).resolve().parent / "golden_vue"
GOLDEN_PROJECTS = ("shop", "kitchen", "contexts")
# Compiled: the golden ones (kitchen has every IR node kind and naming clash)
# and the ones with the most providers, forms and channels; the other projects
# differ only in their core, which the React target's tsc test compiles.
COMPILED = (*GOLDEN_PROJECTS, "forms_channels", "notes")
UPDATE = os.environ.get("MIZAN_UPDATE_GOLDEN") == "1"
REGENERATE = "MIZAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/codegen/test_vue.py -k golden"


@pytest.mark.parametrize("project", GOLDEN_PROJECTS)
def test_vue_output_matches_golden(project: str) -> None:
    files = render(load_project(project), ("vue",))
    match_golden(GOLDEN / project, {**target_files(files, "vue"), "index.ts": files["index.ts"]}, UPDATE, REGENERATE)


@pytest.mark.parametrize("project", GOLDEN_PROJECTS)
def test_the_core_is_the_react_targets_and_the_runtime_its_sources(project: str) -> None:
    ir = load_project(project)
    vue, react = render(ir, ("vue",)), render(ir, ("react",))
    own = set(target_files(vue, "vue")) | {n for n in vue if n.endswith("index.ts")}
    core = {n for n in vue if n not in own and n not in runtime_files()}
    assert core and {n: vue[n] for n in core} == {n: react[n] for n in core}
    runtime = {n for n in vue if n in runtime_files()}
    assert runtime == {"kernel.ts", "kernel-vue.ts"} | ({"kernel-forms.ts", "kernel-vue-forms.ts"} if ir.forms else set())
    assert all(vue[n] == kernel_source(n) for n in runtime)
    # The root re-exports the adapter's runtime; the forms runtime (which reads Zod) comes from the index.
    assert vue["root/vue.ts"].endswith('export * from "../kernel-vue";\n')
    assert ('export * from "./root/vue";\n' + ('export * from "./kernel-vue-forms";\n' if ir.forms else "")
            + 'export * from "./modules/') in vue["index.ts"]


def test_no_form_runtime_without_forms() -> None:
    files = render(load_project("contexts"), ("vue",))
    assert not load_project("contexts").forms
    assert "kernel-vue.ts" in files and "kernel-vue-forms.ts" not in files
    assert "kernel-vue-forms" not in files["root/vue.ts"]


def test_react_and_vue_together_get_one_core_and_an_entry_module_each() -> None:
    files = render(load_project("shop"), ("react", "vue"))
    assert {"react.ts", "vue.ts", "kernel-react.ts", "kernel-vue.ts"} <= set(files)
    assert "vue" not in files["index.ts"] and "react" not in files["index.ts"]
    assert ('export * from "./root/vue";\nexport * from "./kernel-vue-forms";\n'
            'export * from "./modules/shop.channels/vue";') in files["vue.ts"]
    # The same hooks as with Vue alone, where they share the module's `index.ts` with its calls.
    alone = render(load_project("shop"), ("vue",))["modules/shop.clients/index.ts"]
    hooks = files["modules/shop.clients/vue.ts"].split("\n\n", 2)[2]
    assert "export function useCart(): QueryResult<CartOut>" in hooks and hooks in alone


def test_mizan_generate_writes_the_vue_target_and_check_covers_it(tmp_path: Path) -> None:
    from mizan_core.cli import main
    from mizan_core.codegen import check_stale
    from mizan_core.commands.ir_source import load_ir
    from mizan_core.config import load_config

    from ._projects import REPO

    config = tmp_path / "mizan.toml"
    basics = (REPO / "tests" / "projects" / "basics").as_posix()
    config.write_text(f'output = "api"\ntargets = ["vue"]\n[source.static]\npaths = ["{basics}"]\n')
    assert main(["generate", "--config", str(config)], out=io.StringIO(), err=io.StringIO()) == 0
    vue = tmp_path / "api" / "root" / "vue.ts"
    assert "export function createMizan(" in vue.read_text() and not (tmp_path / "api" / "react.ts").exists()
    assert not list((tmp_path / "api").rglob("react.ts"))
    vue.write_text(vue.read_text().replace("createMizan", "createMizan2"))
    project = load_config(config)
    assert [d.file for d in check_stale(project, load_ir(project))] == ["api/root/vue.ts"]


@pytest.fixture(scope="module")
def built() -> None:
    """The Vue output of `COMPILED` under tests/ts/build-vue/<project>/api, and the shop's for React and Vue."""
    root = TS / "build-vue"
    shutil.rmtree(root, ignore_errors=True)
    for project in COMPILED:
        generate_checked(load_project(project), root / project / "api", ("vue",))
    # Both targets in one folder: each entry module beside the one core.
    generate_checked(load_project("shop"), root / "shop-react-vue" / "api", ("react", "vue"))


def _errors(done: subprocess.CompletedProcess[str], tool: str) -> None:
    out = done.stdout + done.stderr
    assert done.returncode == 0 and not re.search(r"error TS\d+", out), f"{tool} reported:\n{out}"


def test_vue_tsc_accepts_the_output_and_refuses_every_misuse(built: None) -> None:
    consumers = TS / "consumers-vue"
    expected = sum(p.read_text(encoding="utf-8").count(mark) for p in consumers.iterdir()
                   for mark in ("@ts-expect-error", "@vue-expect-error"))
    assert expected >= 8, "the consumers must prove misuse is refused"
    _errors(run_tool("vue-tsc", "-p", "tsconfig.vue.json", "--noEmit", "--pretty", "false"), "vue-tsc")


@pytest.mark.parametrize("major", sorted(TSC_PACKAGES))
def test_tsc_accepts_the_vue_output(major: str, built: None) -> None:
    # Plain tsc, as a project without vue-tsc checks: the .ts files of the same
    # config (the outputs and consumers-vue/shop.ts), not the SFC.
    _errors(run_tsc(major, "-p", "tsconfig.vue.json", "--noEmit", "--pretty", "false"), f"TypeScript {major}")


def test_vue_composables_against_the_live_demo(built: None, module_server: Server, site_db: Site) -> None:  # noqa: F811
    run_live_suite(module_server, site_db, 10, "--config", "vitest.vue.config.ts")
