"""The `react-query` target (TanStack Query v5): its output, its compile, and its live behaviour.

- golden: the target's files (`react-query.ts`, `root/react-query.ts`, each module's
  `react-query.ts`) of the demo shop and of the kitchen project (every
  IR node kind and naming clash), byte for byte, in
  tests/codegen/golden_react_query/<project>/;
- compile: TypeScript 5 and 7 over both outputs and the hand-written
  consumer tests/ts/consumers-react-query/shop.tsx (an app owning its
  QueryClient, with `@ts-expect-error` lines for misuse), under the strict
  tsconfig users compile with, and the shop's again against React 19's types;
- live: tests/ts/live-react-query/shop.test.tsx in vitest (jsdom, React
  Testing Library, @tanstack/react-query) against the demo served by a real
  ASGI server (tests/channels/conftest.py), authenticated as "bob".
"""

from __future__ import annotations

import io
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from mizan_core.cli import main
from mizan_core.codegen import check_stale, render
from mizan_core.commands.ir_source import load_ir
from mizan_core.config import load_config
from mizan_core.ir import dumps_kdl, loads_kdl
from tests.channels.conftest import Server, Site, module_server, site_db  # noqa: F401  (fixtures)

from ._live import run_live_suite
from ._projects import HERE, REPO, TS, load_project, match_golden, target_files
from ._tsc import TSC_PACKAGES, generate_checked
from .test_tsc import _zero_errors  # the same check as every react output's

TARGET = ["react-query"]
GOLDEN = HERE / "golden_react_query"
PROJECTS = ("shop", "kitchen")
UPDATE = os.environ.get("MIZAN_UPDATE_GOLDEN") == "1"
REGENERATE = "MIZAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/codegen/test_react_query.py -k golden"
BUILD = TS / "build-react-query"
BASICS = REPO / "tests" / "projects" / "basics"


@pytest.mark.parametrize("project", PROJECTS)
def test_golden_output(project: str) -> None:
    # Only what the target writes: the core files are test_golden's.
    files = render(load_project(project), TARGET)
    match_golden(GOLDEN / project, target_files(files, "react-query"), UPDATE, REGENERATE)


def test_same_ir_same_bytes() -> None:
    ir = load_project("shop")
    assert render(ir, TARGET) == render(loads_kdl(dumps_kdl(ir)), TARGET)


def test_the_entry_module_exports_the_tanstack_adapter_not_the_react_one() -> None:
    files = render(load_project("shop"), TARGET)
    assert {"kernel-react.ts", "kernel-react-query.ts", "kernel-react-forms.ts", "react-query.ts"} <= set(files)
    entry = files["root/react-query.ts"]
    assert 'export * from "../kernel-react-query";' in entry
    # the React adapter's `useMutation`, `MizanRoot`... would shadow TanStack's names in `./api`
    assert 'export * from "../kernel-react"' not in entry and "../kernel-react-forms\";\n" not in entry.split("\n\n")[-1]
    assert 'export * from "./root/react-query";' in files["index.ts"]
    assert 'export * from "./index";' in files["react-query.ts"]


def test_no_form_runtime_without_forms() -> None:
    files = render(replace(load_project("shop"), forms=(), channels=()), TARGET)
    assert "kernel-react-forms.ts" not in files
    assert not [text for text in target_files(files, "react-query").values() if "useMizanForm" in text]
    assert "kernel-react.ts" in files  # the channel and form hooks' base, still the root's


def test_with_the_react_target_each_gets_its_entry_module() -> None:
    files = render(load_project("shop"), ["react", "react-query"])
    assert "react.ts" in files and "react-query.ts" in files
    assert 'export * from "./react' not in files["index.ts"] and "./root/" not in files["index.ts"]
    assert "export function useCart(): QueryResult<CartOut>" in files["modules/shop.clients/react.ts"]
    assert "export function useCart(args: CartArgs" in files["modules/shop.clients/react-query.ts"]


def test_generate_check_and_the_stale_check_cover_the_target(tmp_path: Path) -> None:
    config = tmp_path / "mizan.toml"
    config.write_text(f'output = "api"\ntargets = ["react-query"]\n[source.static]\npaths = ["{BASICS.as_posix()}"]\n')
    out, err = io.StringIO(), io.StringIO()
    assert main(["generate", "--config", str(config)], out=out, err=err) == 0, err.getvalue()
    entry = tmp_path / "api" / "root" / "react-query.ts"
    assert "export function MizanQueryProvider(" in entry.read_text()
    assert main(["generate", "--config", str(config), "--check"], out=out, err=err) == 0
    entry.write_text(entry.read_text().replace("MizanQueryProvider(", "MizanProvider("))
    assert main(["generate", "--config", str(config), "--check"], out=out, err=err) == 1
    assert "api/root/react-query.ts: mizan-stale" in out.getvalue()
    project = load_config(config)
    assert [d.file for d in check_stale(project, load_ir(project))] == ["api/root/react-query.ts"]


def _build(project: str) -> None:
    out = BUILD / project / "api"
    shutil.rmtree(out, ignore_errors=True)
    generate_checked(load_project(project), out, TARGET)


@pytest.fixture(scope="module")
def built() -> None:
    text = (TS / "consumers-react-query" / "shop.tsx").read_text(encoding="utf-8")
    assert text.count("@ts-expect-error") >= 3
    for project in PROJECTS:
        _build(project)
    # beside the React target: two entry modules over one core and one kernel-react.ts
    out = BUILD / "shop-with-react" / "api"
    shutil.rmtree(out, ignore_errors=True)
    generate_checked(load_project("shop"), out, ["react", "react-query"])


@pytest.mark.parametrize("major", sorted(TSC_PACKAGES))
def test_tsc_accepts_the_output_and_refuses_misuse(major: str, built: None) -> None:
    _zero_errors(major, "tsconfig.react-query.json")


def test_the_output_compiles_against_react_19(built: None) -> None:
    # With TypeScript 7 only, what a new Vite project pins (TypeScript 5 takes 20 s more here).
    _zero_errors("7", "tsconfig.react-query.latest.json")


def test_against_the_live_demo(module_server: Server, site_db: Site, built: None) -> None:  # noqa: F811
    run_live_suite(module_server, site_db, 8, "--config", "vitest.react-query.config.ts")
