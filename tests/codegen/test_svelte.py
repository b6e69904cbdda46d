"""The `svelte` target: its output byte for byte, under svelte-check and both
TypeScript compilers, and in Svelte 5 components against the live demo.

- golden: `svelte.ts` of the shop and of the every-node-kind project
  (tests/codegen/golden_svelte/<project>/; the core files are the React
  goldens' and the runtime files their sources, checked elsewhere);
- svelte-check over the generated shop and kitchen clients and the suite's
  own components and `misuse.ts` (each `@ts-expect-error` there must be an
  error), under tests/ts/tsconfig.json's strict flags; tsc 5 and 7 over the
  generated files alone (a plain `.ts` module needs no Svelte tooling);
- live (tests/ts/live-svelte/shop.test.ts, jsdom + @testing-library/svelte):
  a call and a global value, a global value from the page's hydration with
  no fetch, a context re-fetched for exactly the provider a mutation
  invalidated, a provider following its params' getter, a form's client and
  server errors, a channel message, its params followed and the channel
  closed with its component.

The server is the channels suite's real ASGI site (the demo shop served by
uvicorn on a loopback port, tests/channels/conftest.py); the client
authenticates as "bob" with an MWT.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from mizan_core.codegen import generate, render
from tests.channels.conftest import Server, Site, module_server, site_db  # noqa: F401  (fixtures)

from ._live import run_live_suite
from ._projects import HERE, TS, load_project
from ._tsc import TSC_PACKAGES, run_tool, run_tsc

GOLDEN = HERE / "golden_svelte"
PROJECTS = ("kitchen", "shop")
UPDATE = os.environ.get("MIZAN_UPDATE_GOLDEN") == "1"
REGENERATE = "MIZAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/codegen/test_svelte.py -k golden"
SUITE = TS / "live-svelte"


def _build(project: str) -> Path:
    out = SUITE / "build" / project / "api"
    shutil.rmtree(out, ignore_errors=True)
    generate(load_project(project), out, ("svelte",))
    return out


@pytest.fixture(scope="module")
def built() -> None:
    for project in PROJECTS:
        _build(project)


@pytest.mark.parametrize("project", PROJECTS)
def test_generated_svelte_module_matches_golden(project: str) -> None:
    text = render(load_project(project), ("svelte",))["svelte.ts"]
    golden = GOLDEN / project / "svelte.ts"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(text.encode("utf-8"))
    assert golden.is_file(), f"no golden svelte output for {project}; create it with: {REGENERATE}"
    assert golden.read_text(encoding="utf-8") == text, f"{project}/svelte.ts differs from golden; if intended: {REGENERATE}"


def test_one_target_is_reexported_from_the_index_with_its_runtime() -> None:
    files = render(load_project("shop"), ("svelte",))
    assert {"kernel-svelte.ts", "kernel-svelte-forms.ts", "svelte.ts"} <= set(files)
    assert not {"react.ts", "kernel-react.ts"} & set(files)
    assert 'export * from "./svelte";' in files["index.ts"]
    assert files["svelte.ts"].endswith('export * from "./kernel-svelte";\nexport * from "./kernel-svelte-forms";\n')


def test_several_targets_each_get_their_entry_module() -> None:
    files = render(load_project("shop"), ("react", "svelte"))
    assert {"react.ts", "svelte.ts"} <= set(files)
    assert 'export * from "./svelte"' not in files["index.ts"]
    assert files["svelte.ts"] == render(load_project("shop"), ("svelte",))["svelte.ts"]


def test_svelte_check_accepts_the_clients_and_refuses_every_misuse(built: None) -> None:
    misuse = (SUITE / "misuse.ts").read_text(encoding="utf-8")
    assert misuse.count("@ts-expect-error") >= 3
    done = run_tool("svelte-check", "--tsconfig", "./tsconfig.svelte.json", "--fail-on-warnings",
                    "--output", "machine", timeout=240)
    summary = re.search(r"COMPLETED (\d+) FILES (\d+) ERRORS (\d+) WARNINGS", done.stdout)
    assert done.returncode == 0 and summary, done.stdout + done.stderr
    assert summary.group(2, 3) == ("0", "0"), done.stdout
    # the generated clients were among the files checked
    assert int(summary.group(1)) > 20, done.stdout


@pytest.mark.parametrize("major", sorted(TSC_PACKAGES))
def test_tsc_compiles_the_svelte_output(major: str, built: None) -> None:
    done = run_tsc(major, "-p", "tsconfig.svelte-build.json", "--noEmit", "--pretty", "false")
    errors = [line for line in done.stdout.splitlines() if re.search(r"error TS\d+", line)]
    assert done.returncode == 0 and not errors, f"TypeScript {major} reported:\n" + done.stdout + done.stderr


def test_generated_svelte_client_against_the_live_demo(module_server: Server, site_db: Site) -> None:  # noqa: F811
    _build("shop")
    run_live_suite(module_server, site_db, 6, "-c", "vitest.svelte.config.ts")
