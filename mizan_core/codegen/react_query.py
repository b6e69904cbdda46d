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

from ._ts import HEADER, doc_comment, import_line
from .names import Names
from .react import _emit_channel, _emit_form, _Imports
from .surface import ContextPlan, MutationHook, Surface, ValueHook

__all__ = ["emit_react_query"]


class _QueryImports:
    def __init__(self) -> None:
        self.runtime: set[str] = {"MizanQueryRoot"}
        self.runtime_types: set[str] = {"MizanQueryRootProps"}
        self.base: set[str] = set()
        self.base_types: set[str] = set()
        self.tanstack_types: set[str] = set()


def _key_signature(fn: Function, stem: str) -> tuple[str, str]:
    """(parameter list, argument expression) of a key or options factory."""
    return (f"args: {stem}Args", "args") if fn.params else ("", "")


def _emit_root(socket: bool) -> list[str]:
    return ["export type MizanQueryProviderProps = MizanQueryRootProps;", "",
            *doc_comment("Mount once inside the app's `QueryClientProvider`: the server's invalidations\n"
                         "drive its cache, the context queries in use stay live, and the page's\n"
                         "hydrated global values are in the cache before the first render."),
            "export function MizanQueryProvider(props: MizanQueryProviderProps): ReactElement {",
            f"  return createElement(MizanQueryRoot, {{ ...props, socket: {'true' if socket else 'false'} }});",
            "}"]


def _emit_value(context: str, value: ValueHook, fn: Function, imp: _QueryImports) -> list[str]:
    imp.runtime |= {"contextQueryKey", "contextQueryOptions", "useContextQuery"}
    imp.runtime_types |= {"MizanContextQueryKey", "MizanQueryOptions", "MizanQueryExtras", "QueryFactoryOptions"}
    imp.base.add("defaultClient")
    imp.base_types.add("MizanError")
    imp.tanstack_types.add("UseQueryResult")
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


def _emit_context(ctx: ContextPlan, functions: dict[str, Function], imp: _QueryImports) -> list[str]:
    out: list[str] = []
    for value in ctx.values:
        if out:
            out.append("")
        out += _emit_value(ctx.name, value, functions[value.name], imp)
    return out


def _emit_read(m: MutationHook, fn: Function, imp: _QueryImports) -> list[str]:
    """Query key and options of a plain read (`useQuery(productsQueryOptions({ kind }))`)."""
    imp.runtime |= {"callQueryKey", "callQueryOptions"}
    imp.runtime_types |= {"MizanCallQueryKey", "MizanQueryOptions"}
    imp.base_types.add("WebSocketCallOptions" if m.websocket else "CallOptions")
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


def _emit_mutation(m: MutationHook, imp: _QueryImports) -> list[str]:
    imp.runtime.add("useMizanMutation")
    imp.runtime_types.add("MizanMutationOptions")
    imp.base_types.add("MizanError")
    imp.tanstack_types.add("UseMutationResult")
    variables = f"{m.stem}Args" if m.has_args else "void"
    types = f"{m.result}, {variables}, C"
    options = f"MizanMutationOptions<{types}>"
    if m.has_args:
        run = f"(client, args) => call{m.stem}(args, {{ client }})"
    else:
        run = f"(client) => call{m.stem}({{ client }})"
    if m.websocket:
        imp.base_types.add("TransportOptions")
        options += " & TransportOptions"
        run = run.replace("(client, args)", "(client, args, transport)").replace("(client)", "(client, _, transport)")
        run = run.replace("{ client }", "{ client, transport }")
    doc = m.doc.replace("`mutate(...)` calls it and keeps the last result", "TanStack's `useMutation` over its call")
    return [*doc_comment(doc),
            (f"export function use{m.stem}<C = unknown>(options?: {options}): "
             f"UseMutationResult<{m.result}, MizanError, {variables}, C> {{"),
            f"  return useMizanMutation<{types}>({run}, options);", "}"]


def emit_react_query(ir: ProjectIR, names: Names, surface: Surface) -> str:
    imp = _QueryImports()
    react = _Imports()  # forms and channels: the React target's hooks
    functions = {f.name: f for f in ir.functions}
    blocks = [_emit_root(surface.socket)]
    for ctx in ([surface.globals] if surface.globals else []) + surface.contexts:
        blocks.append(_emit_context(ctx, functions, imp))
    for m in surface.mutations:
        if not functions[m.name].affects:
            blocks.append(_emit_read(m, functions[m.name], imp))
    blocks += [_emit_mutation(m, imp) for m in surface.mutations]
    blocks += [_emit_form(f, react) for f in surface.forms]
    blocks += [_emit_channel(c, react) for c in surface.channels]
    head = [
        'import { createElement } from "react";',
        'import type { ReactElement } from "react";',
        *import_line(imp.tanstack_types, "@tanstack/react-query", type_only=True),
        *import_line(imp.base, "./kernel"),
        *import_line(imp.base_types | react.base_types, "./kernel", type_only=True),
        *import_line(imp.runtime, "./kernel-react-query"),
        *import_line(imp.runtime_types, "./kernel-react-query", type_only=True),
        *import_line(react.kernel, "./kernel-react"),
        *import_line(react.kernel_types, "./kernel-react", type_only=True),
        *import_line({"useMizanForm"} if surface.forms else (), "./kernel-react-forms"),
        *import_line({"FormResult"} if surface.forms else (), "./kernel-forms", type_only=True),
        *import_line(surface.calls(), "./calls"),
        *import_line(surface.call_types() | _value_args(surface, functions), "./calls", type_only=True),
        *import_line(react.forms, "./forms"),
        *import_line(react.form_types, "./forms", type_only=True),
        *import_line(surface.models, "./models", type_only=True),
    ]
    body = "\n\n".join("\n".join(b) for b in blocks if b)
    return HEADER + "\n" + "\n".join(head) + "\n\n" + body + "\n"


def _value_args(surface: Surface, functions: dict[str, Function]) -> set[str]:
    plans = ([surface.globals] if surface.globals else []) + surface.contexts
    return {f"{v.stem}Args" for ctx in plans for v in ctx.values if functions[v.name].params}
