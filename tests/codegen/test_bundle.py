"""A page's bundle holds the calls and hooks it imports, not the client's others:
the generated calls and hooks are constants made by runtime factories, marked
pure, so a bundler drops those no page uses as it drops unused functions."""

from __future__ import annotations

import shutil

from mizan_core.codegen import generate
from mizan_core.codegen.calls import callable_functions

from ._projects import TS, load_project
from ._tsc import run_tool

BUILD = TS / "build" / "_bundle"

PAGE = """import { callCheckout, useAddItem } from "./api";

export const used = [callCheckout, useAddItem];
"""


def test_a_pages_bundle_drops_the_calls_and_hooks_it_does_not_import() -> None:
    ir = load_project("shop")
    shutil.rmtree(BUILD, ignore_errors=True)
    generate(ir, BUILD / "api")
    (BUILD / "page.ts").write_text(PAGE)
    done = run_tool("esbuild", "build/_bundle/page.ts", "--bundle", "--minify", "--format=esm",
                    "--external:react", "--external:react-dom", "--external:zod", "--outfile=build/_bundle/page.js")
    assert done.returncode == 0, done.stdout + done.stderr
    bundle = (BUILD / "page.js").read_text()
    assert '"add_item"' in bundle and '"checkout"' in bundle
    # A context's functions are named by its spec, which stays; every other function goes.
    unused = [f.name for f in callable_functions(ir) if f.context is None and f.name not in ("add_item", "checkout")]
    assert len(unused) >= 5
    assert [name for name in unused if f'"{name}"' in bundle] == []


CALL_ONLY = """import { callAddItem } from "./api/calls";

export const used = [callAddItem];
"""


def test_a_page_that_imports_one_call_bundles_no_form_schema_and_no_zod() -> None:
    # Every module's declarations share its one file: a form's schema, a
    # context's spec and the root's React context are pure too, so a page
    # that uses none of them leaves them, and zod, out of its bundle.
    ir = load_project("shop")
    assert ir.forms and any(f.context for f in ir.functions)
    shutil.rmtree(BUILD, ignore_errors=True)
    generate(ir, BUILD / "api")
    (BUILD / "page.ts").write_text(CALL_ONLY)
    done = run_tool("esbuild", "build/_bundle/page.ts", "--bundle", "--minify", "--format=esm",
                    "--external:react", "--external:react-dom", "--outfile=build/_bundle/page.js")
    assert done.returncode == 0, done.stdout + done.stderr
    bundle = (BUILD / "page.js").read_text()
    assert '"add_item"' in bundle
    assert "ZodObject" not in bundle and '"contact"' not in bundle  # the contact form
    assert '"cart"' not in bundle  # the cart context's spec
    assert len(bundle) < 12_000, len(bundle)  # the kernel's fetch, errors and bus: about 7.7 kB
