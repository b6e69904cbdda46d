"""The invalidation manifest: what an edge cache or a service worker needs to
purge exactly what a mutation changed, and nothing else.

For each context function: its `GET` path and the query parameters that key
its cached values. For each mutation, view path and form submit that declares `affects`: its paths and, per
invalidation entry, the `GET` paths to purge and which of their query
parameters must equal the mutation's arguments (`match`; empty: purge every
cached value of that path). The document validates against
`manifest.schema.json`, shipped beside this module (`MANIFEST_SCHEMA_PATH`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mizan_core.ir import Affect, Form, Function, ProjectIR

from ._paths import call_path, check_base, dump_document, route_path

__all__ = ["MANIFEST_FORMAT", "MANIFEST_SCHEMA_PATH", "dumps_manifest", "manifest"]

MANIFEST_FORMAT = "mizan-invalidation-manifest"
MANIFEST_VERSION = 1
MANIFEST_SCHEMA_PATH = Path(__file__).with_name("manifest.schema.json")

Doc = dict[str, Any]


def _get_path(fn: Function, base: str) -> str | None:
    return call_path(base, fn.name) if fn.context is not None else None


def _emit_purge(fn: Function, affect: Affect, base: str) -> Doc:
    params = {p.name for p in fn.params}
    return {"function": fn.name, "get": _get_path(fn, base),
            "match": [s for s in affect.scope if s in params]}


def _emit_affect(affect: Affect, ir: ProjectIR, base: str) -> Doc:
    if affect.kind == "context":
        ctx = ir.context(affect.target)
        targets = [ir.function(n) for n in (ctx.functions if ctx is not None else ())]
    else:
        targets = [ir.function(affect.target)]
    return {"kind": affect.kind, "target": affect.target, "scope": list(affect.scope),
            "purge": [_emit_purge(fn, affect, base) for fn in targets if fn is not None]}


def _emit_mutation(fn: Function, ir: ProjectIR, base: str) -> Doc:
    return {"name": fn.name, "method": "POST", "path": call_path(base, fn.name),
            "route": route_path(fn) if fn.route else None, "view_path": fn.view_path,
            "auth": fn.auth,
            "invalidates": [_emit_affect(a, ir, base) for a in fn.affects]}


def _emit_form_submit(form: Form, ir: ProjectIR, base: str) -> Doc:
    """A form's submit with `affects` invalidates like a mutation; forms take no `auth=`."""
    name = f"{form.name}.submit"
    return {"name": name, "method": "POST", "path": call_path(base, name), "route": None,
            "view_path": False, "auth": "none",
            "invalidates": [_emit_affect(a, ir, base) for a in form.affects]}


def _emit_context(name: str, ir: ProjectIR, base: str) -> Doc:
    ctx = ir.context(name)
    assert ctx is not None
    functions = [fn for fn in (ir.function(n) for n in ctx.functions) if fn is not None]
    return {"name": ctx.name, "params": [p.name for p in ctx.params],
            "functions": [{"name": fn.name, "get": call_path(base, fn.name),
                           "keys": [p.name for p in fn.params], "auth": fn.auth}
                          for fn in functions]}


def manifest(ir: ProjectIR, base: str = "/api/mizan") -> Doc:
    base = check_base(base)
    writers = sorted((f for f in ir.functions if f.affects or f.view_path), key=lambda f: f.name)
    return {
        "format": MANIFEST_FORMAT,
        "version": MANIFEST_VERSION,
        "base": base,
        "contexts": [_emit_context(c.name, ir, base) for c in sorted(ir.contexts,
                                                                     key=lambda c: c.name)],
        "mutations": sorted([*(_emit_mutation(fn, ir, base) for fn in writers),
                             *(_emit_form_submit(form, ir, base)
                               for form in ir.forms if form.affects)],
                            key=lambda m: str(m["name"])),
    }


def dumps_manifest(ir: ProjectIR, base: str = "/api/mizan") -> str:
    return dump_document(manifest(ir, base))
