"""What hover and completion say about a function or a context: its IR
summary and the TypeScript it becomes.

The TypeScript names and types come from the generator's own naming table
and type mapping (`mizan_core.codegen.names`, `.types`), so the hover shows
exactly the identifiers `mizan generate` writes.
"""

from __future__ import annotations

from mizan_core.codegen.names import Names, plan_names
from mizan_core.codegen.types import input_models, property_key, ts_type
from mizan_core.ir import Context, Function, ProjectIR
from mizan_core.rules.sites import FunctionSite

__all__ = ["context_detail", "context_markdown", "function_detail", "function_markdown",
           "typescript_signature", "unregistered_markdown"]


_planned: list[tuple[ProjectIR, Names]] = []


def _names(ir: ProjectIR) -> Names:
    # Keyed by identity of the snapshot's IR (hashing a whole IR costs more
    # than planning): a burst of hovers on one snapshot plans names once.
    for known, names in _planned:
        if known is ir:
            return names
    names = plan_names(ir, input_models(ir))
    _planned[:] = [(ir, names)]
    return names


def _kind(fn: Function) -> str:
    if fn.view_path:
        return "view-path function"
    if fn.context == "global":
        return "global context function"
    if fn.context:
        return f"function of context `{fn.context}`"
    return "mutation" if fn.affects else "function"


def function_detail(fn: Function) -> str:
    params = ", ".join(p.name for p in fn.params)
    return f"{_kind(fn).replace('`', '')} ({params})"


def context_detail(ctx: Context) -> str:
    count = len(ctx.functions)
    return f"context · {count} function{'s' if count != 1 else ''}"


def typescript_signature(fn: Function, ir: ProjectIR) -> str:
    """The declarations `mizan generate` writes for `fn` (calls.ts and
    react.ts), bodies left out; view-path functions get none."""
    if fn.view_path:
        return "// view-path function: served at its route, no TypeScript call"
    names = _names(ir)
    stem = names.functions.get(fn.name)
    if stem is None:
        return ""
    result = ts_type(fn.returns, names)
    lines: list[str] = []
    if fn.params:
        fields = "; ".join(f"{property_key(p.name)}{'' if p.required else '?'}: "
                           f"{ts_type(p.type, names, as_input=True)}" for p in fn.params)
        lines.append(f"interface {stem}Args {{ {fields} }}")
        sig = f"args: {stem}Args, "
    else:
        sig = ""
    options = "WebSocketCallOptions" if fn.websocket else "CallOptions"
    lines.append(f"function call{stem}({sig}options?: {options}): Promise<{result}>")
    if fn.context is not None:
        lines.append(f"function fetch{stem}({sig}options?: CallOptions): Promise<{result}>")
    if fn.context == "global":
        lines.append(f"function use{stem}(): QueryResult<{result}>")
    elif fn.context is not None:
        provider = f"{names.contexts.get(fn.context, '')}Provider"
        lines.append(f"function use{stem}(): QueryResult<{result}>  // inside <{provider}>")
    else:
        hook = f"CallMutationResult<{stem}Args, {result}>" if fn.params else f"MutationResult<[], {result}>"
        lines.append(f"function use{stem}(): {hook}")
    return "\n".join(lines)


def unregistered_markdown(site: FunctionSite) -> str:
    return (f"**{site.qualname}** — @client function, not registered\n\n"
            f"Nothing serves it and no TypeScript is generated until "
            f"`register({site.qualname}, \"<name>\")`.")


def function_markdown(fn: Function, ir: ProjectIR, also: tuple[str, ...] = ()) -> str:
    names = _names(ir)
    lines = [f"**{fn.name}** — {_kind(fn)}", ""]
    if also:
        lines += [f"also registered as {', '.join(f'`{n}`' for n in also)}", ""]
    if fn.doc:
        lines += [fn.doc.strip(), ""]
    params = ", ".join(f"{p.name}: {ts_type(p.type, names, as_input=True)}"
                       f"{'' if p.required else ' = ' + (p.default or '')}" for p in fn.params)
    lines.append(f"- parameters: {params or '(none)'}")
    lines.append(f"- returns: `{ts_type(fn.returns, names)}`")
    if fn.affects:
        targets = ", ".join(f"`{a.target}` ({a.kind}"
                            f"{', scoped by ' + ', '.join(a.scope) if a.scope else ''})"
                            for a in fn.affects)
        lines.append(f"- affects: {targets}")
    if fn.auth != "none":
        lines.append(f"- auth: {fn.auth}")
    if fn.websocket:
        lines.append("- callable over the websocket")
    if fn.route:
        lines.append(f"- route: `{fn.route}`")
    if fn.rev != 1:
        lines.append(f"- cache revision: {fn.rev}")
    lines.append(f"- Python: `{fn.module}.{fn.qualname}`")
    signature = typescript_signature(fn, ir)
    if signature:
        lines += ["", "```typescript", signature, "```"]
    return "\n".join(lines)


def context_markdown(ctx: Context, ir: ProjectIR) -> str:
    names = _names(ir)
    lines = [f"**context `{ctx.name}`** — {context_detail(ctx)}", ""]
    for name in ctx.functions:
        fn = ir.function(name)
        returns = ts_type(fn.returns, names) if fn is not None else "?"
        lines.append(f"- `{name}` → `{returns}`")
    if ctx.params:
        props = " ".join(f"{p.name}={{{ts_type(p.type, names, as_input=True)}}}" for p in ctx.params)
    else:
        props = ""
    if ctx.name == "global":
        lines += ["", "Fetched once under `<MizanContext>`."]
    else:
        stem = names.contexts.get(ctx.name, "")
        lines += ["", "```typescript", f"<{stem}Provider {props}>".replace(" >", ">"), "```"]
    return "\n".join(lines)
