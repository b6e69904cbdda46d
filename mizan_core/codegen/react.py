"""`react.ts`, the React layer over the calls: `<MizanContext>`, one provider per named context, hooks.

- `<MizanContext baseUrl=... hydration?>` wraps the app; global context
  functions are read with `useXxx()` -> `{ data, error, loading, refetch }`,
  fetched on first use unless the page embedded their value;
- a named context `cart` gets `<CartProvider ...params>`, which fetches every
  function of the context; `useXxx()` reads one of them inside it;
- every other function gets `useXxx()` -> `{ mutate, data, error, loading }`
  (`useXxx({ transport })` for a `websocket=True` function; `<MizanContext>`
  keeps the socket those use open when the project has any).

Written with `createElement`, not JSX, so the output compiles under any
`jsx` setting of the consuming project.
"""

from __future__ import annotations

from mizan_core.ir import Context, Function, ProjectIR, walk_refs

from ._ts import HEADER, doc_comment, import_line
from .calls import callable_functions
from .names import Names
from .types import property_key, ts_type

__all__ = ["emit_react"]


def _members(ctx: Context, functions: dict[str, Function]) -> str:
    items = []
    for name in ctx.functions:
        params = ", ".join(f'"{p.name}"' for p in functions[name].params)
        items.append(f'{{ name: "{name}", params: [{params}] }}')
    return "[" + ", ".join(items) + "]"


class _Imports:
    def __init__(self) -> None:
        self.kernel: set[str] = set()
        self.kernel_types: set[str] = set()
        self.calls: set[str] = set()
        self.call_types: set[str] = set()
        self.models: set[str] = set()
        self.transport = False

    def result(self, fn: Function, names: Names) -> str:
        self.models.update(names.types[r] for r in walk_refs(fn.returns) if r in names.types)
        return ts_type(fn.returns, names)


def _emit_root(globals_: Context | None, functions: dict[str, Function], names: Names,
               imp: _Imports, socket: bool) -> list[str]:
    imp.kernel.add("MizanRoot")
    imp.kernel_types |= {"MizanRootProps", "ContextMember"}
    members = _members(globals_, functions) if globals_ else "[]"
    out = [f"const GLOBALS: readonly ContextMember[] = {members};", "",
           "export type MizanContextProps = MizanRootProps;", "",
           *doc_comment("The root of a Mizan app: the client (base URL, token) and the global "
                        "context,\nstarted from the page's hydration values when present."),
           "export function MizanContext(props: MizanContextProps): ReactElement {",
           f"  return createElement(MizanRoot, {{ ...props, globals: GLOBALS, socket: {'true' if socket else 'false'} }});",
           "}"]
    if globals_:
        imp.kernel.add("useGlobalValue")
        imp.kernel_types.add("QueryResult")
        for name in globals_.functions:
            fn, stem = functions[name], names.functions[name]
            result = imp.result(fn, names)
            out += ["", *doc_comment(fn.doc or f"The global context value `{name}`."),
                    f"export function use{stem}(): QueryResult<{result}> {{",
                    f'  return useGlobalValue<{result}>("{name}", "use{stem}");', "}"]
    return out


def _emit_context(ctx: Context, functions: dict[str, Function], names: Names,
                  imp: _Imports) -> list[str]:
    imp.kernel |= {"ContextProvider", "defineContext", "useContextValue"}
    imp.kernel_types.add("QueryResult")
    stem = names.contexts[ctx.name]
    spec = f"{stem[:1].lower()}{stem[1:]}Context"
    provider = f"{stem}Provider"
    out = [f'const {spec} = defineContext("{ctx.name}", {_members(ctx, functions)});', "",
           f"export interface {provider}Props {{"]
    for p in ctx.params:
        imp.models.update(names.type_name(r, True) for r in walk_refs(p.type) if r in names.types)
        out.append(f"  {property_key(p.name)}{'' if p.required else '?'}: "
                   f"{ts_type(p.type, names, as_input=True)};")
    out += ["  children?: ReactNode;", "}", "",
            *doc_comment(f"Fetches the `{ctx.name}` context ({', '.join(ctx.functions)}) for its props;\n"
                         "re-fetches when a mutation invalidates it with a matching scope."),
            f"export function {provider}({{ children, ...params }}: {provider}Props): ReactElement {{",
            f"  return createElement(ContextProvider, {{ spec: {spec}, params, children }});", "}"]
    for name in ctx.functions:
        fn, fstem = functions[name], names.functions[name]
        result = imp.result(fn, names)
        out += ["", *doc_comment(f"`{name}` of the nearest `<{provider}>`."),
                f"export function use{fstem}(): QueryResult<{result}> {{",
                f'  return useContextValue<{result}>({spec}, "{name}", "use{fstem}", "{provider}");',
                "}"]
    return out


def _emit_mutation(fn: Function, names: Names, imp: _Imports) -> list[str]:
    imp.kernel.add("useMutation")
    imp.kernel_types.add("MutationResult")
    stem = names.functions[fn.name]
    result = imp.result(fn, names)
    imp.calls.add(f"call{stem}")
    if fn.params:
        imp.call_types.add(f"{stem}Args")
        params, run = f"[args: {stem}Args]", f"(client, args) => call{stem}(args, {{ client }})"
    else:
        params, run = "[]", f"(client) => call{stem}({{ client }})"
    kind = "Mutation" if fn.affects else "Call"
    doc = f"{kind} `{fn.name}`: `mutate(...)` calls it and keeps the last result."
    signature = ""
    if fn.websocket:
        imp.transport = True
        doc += "\nOver the multiplexed socket while it is open, else HTTP; `transport` overrides."
        signature = "options?: TransportOptions"
        run = run.replace("{ client }", "{ client, transport: options?.transport }")
    return [*doc_comment(doc),
            f"export function use{stem}({signature}): MutationResult<{params}, {result}> {{",
            f"  return useMutation<{params}, {result}>({run});", "}"]


def emit_react(ir: ProjectIR, names: Names) -> str:
    functions = {f.name: f for f in ir.functions}
    imp = _Imports()
    callable_ = callable_functions(ir)
    blocks = [_emit_root(ir.context("global"), functions, names, imp, any(f.websocket for f in callable_))]
    blocks += [_emit_context(c, functions, names, imp) for c in ir.contexts if c.name != "global"]
    blocks += [_emit_mutation(f, names, imp) for f in callable_ if f.context is None]
    head = [
        'import { createElement } from "react";',
        f'import type {{ {"ReactElement, ReactNode" if len(ir.contexts) - (ir.context("global") is not None) else "ReactElement"} }} from "react";',
        *import_line(imp.kernel, "./kernel-react"),
        *import_line(imp.kernel_types, "./kernel-react", type_only=True),
        *import_line({"TransportOptions"} if imp.transport else (), "./kernel", type_only=True),
        *import_line(imp.calls, "./calls"),
        *import_line(imp.call_types, "./calls", type_only=True),
        *import_line(imp.models, "./models", type_only=True),
    ]
    body = "\n\n".join("\n".join(b) for b in blocks)
    return HEADER + "\n" + "\n".join(head) + "\n\n" + body + "\n"
