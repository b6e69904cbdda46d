"""`calls.ts` (one per module), the framework-free layer: one plain async function per server function.

`callXxx(args)` POSTs (`callXxx()` when the function takes no arguments);
context functions also get `fetchXxx(args)`, a GET whose query values are
JSON (cacheable by the server, coalesced in the client). A `websocket=True`
function's call goes over the client's multiplexed socket while it is open
and over HTTP otherwise; `{ transport }` overrides. View-path functions have
no call (their answer is not JSON), and forms' functions live in `forms.ts`.
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
        optional = "" if any(p.required for p in fn.params) else "?"
        sig, args = f"args{optional}: {stem}Args, ", "args"
    else:
        sig, args = "", "undefined"
    options = "WebSocketCallOptions" if fn.websocket else "CallOptions"
    doc = "\n\n".join(x for x in (fn.doc, _facts(fn)) if x)
    out += doc_comment(doc)
    out.append(f"export function call{stem}({sig}options?: {options}): Promise<{result}> {{")
    runtime = "socketCall" if fn.websocket else "postCall"
    out.append(f'  return {runtime}<{result}>("{fn.name}", {args}, options);')
    out.append("}")
    if fn.context is not None:
        out.append("")
        out += doc_comment(f"GET `{fn.name}`: cacheable, and coalesced with identical reads in flight.")
        out.append(f"export function fetch{stem}({sig}options?: CallOptions): Promise<{result}> {{")
        out.append(f'  return getCall<{result}>("{fn.name}", {args}, options);')
        out.append("}")
    return out


def emit_calls(functions: Iterable[Function], names: Names) -> Emitted:
    """The runtime imports and the body of the calls of `functions` (callable ones, in order)."""
    body = "\n\n".join("\n".join(_emit_function(fn, names)) for fn in functions)
    return [("./kernel", {"getCall", "postCall", "socketCall"}, False), ("./kernel", {"CallOptions", "WebSocketCallOptions"}, True)], body
