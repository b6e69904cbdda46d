"""`react-query.ts`, the TanStack Query (v5) target: query options, query and mutation hooks.

- `<MizanQueryProvider>` goes inside the app's `QueryClientProvider`: it
  turns the server's invalidation entries into `invalidateQueries` on the
  matching keys, subscribes to the context queries in use, and seeds the
  cache with the page's hydrated global values;
- each context function (global or named) gets `xxxQueryKey(args)`,
  `xxxQueryOptions(args)` (for `useQuery`, `prefetchQuery`, loaders) and
  `useXxx(args)` -> TanStack's `UseQueryResult`;
- each plain read (no context, no `affects`) gets `xxxQueryKey(args)` and
  `xxxQueryOptions(args)` too, and every function that is not a context
  gets `useXxx(options)` -> `useMutation`;
- forms and channels get the React target's hooks, unchanged.

Written with `createElement`, not JSX, like the React target.
"""

from __future__ import annotations

from mizan_core.ir import Function, ProjectIR

from ._hooks import Imports
from ._ts import Emitted, doc_comment
from .names import Names
from .react import RUNTIME as REACT_RUNTIME
from .react import react_channel, react_form
from .surface import ContextPlan, MutationHook, Surface, ValueHook

__all__ = ["emit_react_query"]


_RUNTIME = "./kernel-react-query"
_TANSTACK = "@tanstack/react-query"


def _key_signature(fn: Function, stem: str) -> tuple[str, str]:
    """(parameter list, argument expression) of a key or options factory."""
    return (f"args: {stem}Args", "args") if fn.params else ("", "")


def _emit_root(socket: bool, imp: Imports) -> list[str]:
    imp.value(_RUNTIME, "MizanQueryRoot")
    imp.type(_RUNTIME, "MizanQueryRootProps")
    return ["export type MizanQueryProviderProps = MizanQueryRootProps;", "",
            *doc_comment("Mount once inside the app's `QueryClientProvider`: the server's invalidations\n"
                         "drive its cache, the context queries in use stay live, and the page's\n"
                         "hydrated global values are in the cache before the first render."),
            "export function MizanQueryProvider(props: MizanQueryProviderProps): ReactElement {",
            f"  return createElement(MizanQueryRoot, {{ ...props, socket: {'true' if socket else 'false'} }});",
            "}"]


def _emit_value(context: str, value: ValueHook, fn: Function, imp: Imports) -> list[str]:
    imp.value(_RUNTIME, "contextQueryKey", "contextQueryOptions", "useContextQuery")
    imp.type(_RUNTIME, "MizanContextQueryKey", "MizanQueryOptions", "MizanQueryExtras", "QueryFactoryOptions")
    imp.value("./kernel", "defaultClient")
    imp.type("./kernel", "MizanError")
    imp.type(_TANSTACK, "UseQueryResult")
    params, args = _key_signature(fn, value.stem)
    lower = value.stem[:1].lower() + value.stem[1:]
    key_args = f'"{context}", "{value.name}"' + (f", {args}" if args else "")
    lead = f"{params}, " if params else ""
    where = "the global context" if context == "global" else f"context `{context}`"
    return [
        *doc_comment(f'Query key of `{value.name}` ({where}): `["mizan", "{context}", "{value.name}", '
                    f'{args or "{}"}]`.'),
        f"export function {lower}QueryKey({params}): MizanContextQueryKey {{",
        f"  return contextQueryKey({key_args});", "}", "",
        *doc_comment(f"`queryOptions` of `{value.name}`: its key and a GET of it, for `useQuery`, "
                     "`prefetchQuery`, loaders."),
        (f"export function {lower}QueryOptions({lead}options?: QueryFactoryOptions): "
         f"MizanQueryOptions<{value.result}, MizanContextQueryKey> {{"),
        (f"  return contextQueryOptions<{value.result}>({lower}QueryKey({args}), "
         "options?.client ?? defaultClient());"), "}", "",
        *doc_comment(value.doc or f"`{value.name}` ({where}), re-fetched when the server invalidates it."),
        (f"export function use{value.stem}({lead}options?: MizanQueryExtras<{value.result}>): "
         f"UseQueryResult<{value.result}, MizanError> {{"),
        f"  return useContextQuery<{value.result}>({lower}QueryKey({args}), options);",
        "}",
    ]


def _emit_context(ctx: ContextPlan, functions: dict[str, Function], imp: Imports) -> list[str]:
    out: list[str] = []
    for value in ctx.values:
        if out:
            out.append("")
        out += _emit_value(ctx.name, value, functions[value.name], imp)
    return out


def _emit_read(m: MutationHook, fn: Function, imp: Imports) -> list[str]:
    """Query key and options of a plain read (`useQuery(productsQueryOptions({ kind }))`)."""
    imp.value(_RUNTIME, "callQueryKey", "callQueryOptions")
    imp.type(_RUNTIME, "MizanCallQueryKey", "MizanQueryOptions")
    imp.type("./kernel", "WebSocketCallOptions" if m.websocket else "CallOptions")
    params, args = _key_signature(fn, m.stem)
    lower = m.stem[:1].lower() + m.stem[1:]
    lead = f"{params}, " if params else ""
    options = "WebSocketCallOptions" if m.websocket else "CallOptions"
    name = f'"{m.name}"'
    return [
        *doc_comment(f'Query key of `{m.name}`: `["mizan", "{m.name}", {args or "{}"}]`.'),
        f"export function {lower}QueryKey({params}): MizanCallQueryKey {{",
        f"  return callQueryKey({name}{', ' + args if args else ''});", "}", "",
        *doc_comment(f"`queryOptions` of `{m.name}`: its key and its call, for `useQuery`, "
                     "`prefetchQuery`, loaders."),
        f"export function {lower}QueryOptions({lead}options?: {options}): MizanQueryOptions<{m.result}, MizanCallQueryKey> {{",
        (f"  return callQueryOptions<{m.result}>({lower}QueryKey({args}), "
         f"(signal) => call{m.stem}({args + ', ' if args else ''}{{ ...options, signal }}));"),
        "}",
    ]


def _emit_mutation(m: MutationHook, imp: Imports) -> list[str]:
    imp.value(_RUNTIME, "useMizanMutation")
    imp.type(_RUNTIME, "MizanMutationOptions")
    imp.type("./kernel", "MizanError")
    imp.type(_TANSTACK, "UseMutationResult")
    variables = f"{m.stem}Args" if m.has_args else "void"
    if m.args_optional:
        variables += " | void"  # TanStack's `mutate()` may then omit them
    types = f"{m.result}, {variables}, C"
    options = f"MizanMutationOptions<{types}>"
    if m.args_optional:
        run = f"(client, args) => call{m.stem}(args || undefined, {{ client }})"
    elif m.has_args:
        run = f"(client, args) => call{m.stem}(args, {{ client }})"
    else:
        run = f"(client) => call{m.stem}({{ client }})"
    if m.websocket:
        imp.type("./kernel", "TransportOptions")
        options += " & TransportOptions"
        run = run.replace("(client, args)", "(client, args, transport)").replace("(client)", "(client, _, transport)")
        run = run.replace("{ client }", "{ client, transport }")
    doc = m.doc.replace("`mutate(...)` calls it and keeps the last result", "TanStack's `useMutation` over its call")
    return [*doc_comment(doc),
            (f"export function use{m.stem}<C = unknown>(options?: {options}): "
             f"UseMutationResult<{m.result}, MizanError, {variables}, C> {{"),
            f"  return useMizanMutation<{types}>({run}, options);", "}"]


def emit_react_query(ir: ProjectIR, names: Names, surface: Surface, root: bool) -> Emitted:
    """The root (`root`) or one module's queries and hooks (`surface` is then that module's part)."""
    imp = Imports()
    functions = {f.name: f for f in ir.functions}
    blocks: list[list[str]] = []
    if root:
        blocks.append(_emit_root(surface.socket, imp))
    else:
        for ctx in ([surface.globals] if surface.globals else []) + surface.contexts:
            blocks.append(_emit_context(ctx, functions, imp))
        for m in surface.mutations:
            if not functions[m.name].affects:
                blocks.append(_emit_read(m, functions[m.name], imp))
        blocks += [_emit_mutation(m, imp) for m in surface.mutations]
        blocks += [react_form(f, imp) for f in surface.forms]
        blocks += [react_channel(c, imp) for c in surface.channels]
    imp.value("react", "createElement")
    imp.type("react", "ReactElement")
    body = "\n\n".join("\n".join(b) for b in blocks if b)
    return imp.entries(["react", _TANSTACK, "./kernel", _RUNTIME, REACT_RUNTIME, "./kernel-react-forms",
                        "./kernel-forms"]), body
