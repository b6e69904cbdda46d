"""The calls of a module's `index.ts`, the framework-free layer: one constant per server function.

`callXxx(args)` POSTs (`callXxx()` when the function takes no arguments);
context functions also get `fetchXxx(args)`, a GET whose query values are
JSON (cacheable by the server, coalesced in the client). A `websocket=True`
function's call goes over the client's multiplexed socket while it is open
and over HTTP otherwise; `{ transport }` overrides. View-path functions have
no call (their answer is not JSON), and forms' functions are written with their form (`forms.py`).
"""

from __future__ import annotations

from collections.abc import Iterable

from mizan_core.ir import Affect, Function, ProjectIR

from ._ts import Emitted, doc_comment
from .names import Names, form_function_names
from .types import property_key, ts_type

__all__ = ["callable_functions", "emit_calls", "invalidates"]


def callable_functions(ir: ProjectIR) -> list[Function]:
    """The functions that get a TypeScript call, in IR order."""
    skip = form_function_names(ir)
    return [f for f in ir.functions if not f.view_path and f.name not in skip]


def invalidates(affects: Iterable[Affect]) -> str:
    """What a mutation (or a form's submit) invalidates, in words for a doc comment."""
    return "invalidates " + ", ".join(
        f"{a.kind} `{a.target}`" + (f" (scoped by {', '.join(a.scope)})" if a.scope else "")
        for a in affects)


def _facts(fn: Function) -> str:
    facts = [f"`{fn.name}` ({fn.module}.{fn.qualname})"]
    if fn.context:
        facts.append(f"context `{fn.context}`")
    if fn.affects:
        facts.append(invalidates(fn.affects))
    if fn.auth != "none":
        facts.append(f"auth: {fn.auth}")
    return "; ".join(facts) + "."


def _emit_function(fn: Function, names: Names) -> list[str]:
    stem = names.functions[fn.name]
    result = ts_type(fn.returns, names)
    out: list[str] = []
    if fn.params:
        out.append(f"export interface {stem}Args {{")
        for p in fn.params:
            optional = "" if p.required else "?"
            out.append(f"  {property_key(p.name)}{optional}: {ts_type(p.type, names, as_input=True)};")
        out.append("}")
        out.append("")
        # Every argument has a default: the caller may leave them all out.
        define = "defineCall" if any(p.required for p in fn.params) else "defineCallWithDefaults"
        types = f"{stem}Args, {result}"
    else:
        define, types = "defineCallWithoutArgs", result
    options = ", WebSocketCallOptions" if fn.websocket else ""
    doc = "\n\n".join(x for x in (fn.doc, _facts(fn)) if x)
    out += doc_comment(doc)
    method = "socket" if fn.websocket else "post"
    # Marked pure: a bundler drops the calls a page does not use.
    out.append(f'export const call{stem} = /* @__PURE__ */ {define}<{types}{options}>("{fn.name}", "{method}");')
    if fn.context is not None:
        out.append("")
        out += doc_comment(f"GET `{fn.name}`: cacheable, and coalesced with identical reads in flight.")
        out.append(f'export const fetch{stem} = /* @__PURE__ */ {define}<{types}>("{fn.name}", "get");')
    return out


def emit_calls(functions: Iterable[Function], names: Names) -> Emitted:
    """The runtime imports and the body of the calls of `functions` (callable ones, in order)."""
    body = "\n\n".join("\n".join(_emit_function(fn, names)) for fn in functions)
    return [("./kernel", {"defineCall", "defineCallWithDefaults", "defineCallWithoutArgs"}, False),
            ("./kernel", {"WebSocketCallOptions"}, True)], body
