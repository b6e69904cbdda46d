"""`react.ts`, the React target: `<MizanContext>`, one provider per named context, hooks.

- `<MizanContext baseUrl=... hydration?>` wraps the app; global context
  functions are read with `useXxx()` -> `{ data, error, loading, refetch }`,
  fetched on first use unless the page embedded their value;
- a named context `cart` gets `<CartProvider ...params>`, which fetches every
  function of the context; `useXxx()` reads one of them inside it;
- every other function gets `useXxx()` -> `{ mutate, data, error, loading }`
  (`useXxx({ transport })` for a `websocket=True` function; `<MizanContext>`
  keeps the socket those use open when the project has any);
- a form gets `useXxxForm()`, a channel `useXxxChannel(params)`.

Written with `createElement`, not JSX, so the output compiles under any
`jsx` setting of the consuming project.
"""

from __future__ import annotations

from mizan_core.ir import ProjectIR

from ._ts import HEADER, doc_comment, import_line
from .names import Names
from .surface import ChannelHook, ContextPlan, FormHook, MutationHook, Surface

__all__ = ["emit_react"]


class _Imports:
    def __init__(self) -> None:
        self.kernel: set[str] = set()
        self.kernel_types: set[str] = set()
        self.forms: set[str] = set()
        self.form_types: set[str] = set()
        self.channels: set[str] = set()
        self.base_types: set[str] = set()


def _emit_root(globals_: ContextPlan | None, imp: _Imports, socket: bool) -> list[str]:
    imp.kernel.add("MizanRoot")
    imp.kernel_types.add("MizanRootProps")
    imp.base_types.add("ContextMember")
    out = [f"const GLOBALS: readonly ContextMember[] = {globals_.members if globals_ else '[]'};", "",
           "export type MizanContextProps = MizanRootProps;", "",
           *doc_comment("The root of a Mizan app: the client (base URL, token) and the global "
                        "context,\nstarted from the page's hydration values when present."),
           "export function MizanContext(props: MizanContextProps): ReactElement {",
           f"  return createElement(MizanRoot, {{ ...props, globals: GLOBALS, socket: {'true' if socket else 'false'} }});",
           "}"]
    if globals_:
        imp.kernel.add("useGlobalValue")
        imp.kernel_types.add("QueryResult")
        for value in globals_.values:
            out += ["", *doc_comment(value.doc or f"The global context value `{value.name}`."),
                    f"export function use{value.stem}(): QueryResult<{value.result}> {{",
                    f'  return useGlobalValue<{value.result}>("{value.name}", "use{value.stem}");', "}"]
    return out


def _emit_context(ctx: ContextPlan, imp: _Imports) -> list[str]:
    imp.kernel |= {"ContextProvider", "defineContext", "useContextValue"}
    imp.kernel_types.add("QueryResult")
    provider = f"{ctx.stem}Provider"
    out = [f'const {ctx.spec} = defineContext("{ctx.name}", {ctx.members});', "",
           f"export interface {provider}Props {{"]
    out += [f"  {p.key}{'?' if p.optional else ''}: {p.type};" for p in ctx.params]
    out += ["  children?: ReactNode;", "}", "",
            *doc_comment(f"Fetches the `{ctx.name}` context ({', '.join(v.name for v in ctx.values)}) for its props;\n"
                         "re-fetches when a mutation invalidates it with a matching scope."),
            f"export function {provider}({{ children, ...params }}: {provider}Props): ReactElement {{",
            f"  return createElement(ContextProvider, {{ spec: {ctx.spec}, params, children }});", "}"]
    for value in ctx.values:
        out += ["", *doc_comment(f"`{value.name}` of the nearest `<{provider}>`."),
                f"export function use{value.stem}(): QueryResult<{value.result}> {{",
                f'  return useContextValue<{value.result}>({ctx.spec}, "{value.name}", "use{value.stem}", "{provider}");',
                "}"]
    return out


def _emit_mutation(m: MutationHook, imp: _Imports) -> list[str]:
    imp.kernel.add("useMutation")
    imp.kernel_types.add("MutationResult")
    if m.has_args:
        params, run = f"[args: {m.stem}Args]", f"(client, args) => call{m.stem}(args, {{ client }})"
    else:
        params, run = "[]", f"(client) => call{m.stem}({{ client }})"
    signature = ""
    if m.websocket:
        imp.base_types.add("TransportOptions")
        signature = "options?: TransportOptions"
        run = run.replace("{ client }", "{ client, transport: options?.transport }")
    return [*doc_comment(m.doc),
            f"export function use{m.stem}({signature}): MutationResult<{params}, {m.result}> {{",
            f"  return useMutation<{params}, {m.result}>({run});", "}"]


def _emit_form(form: FormHook, imp: _Imports) -> list[str]:
    imp.forms |= {f"{form.stem}FormSpec"}
    imp.form_types |= {f"{form.stem}FormValues", f"{form.stem}FormSuccess"}
    values, success = f"{form.stem}FormValues", f"{form.stem}FormSuccess"
    return [*doc_comment(form.doc),
            f"export function use{form.stem}Form(initial?: Partial<{values}>): FormResult<{values}, {success}> {{",
            f"  return useMizanForm<{values}, {success}>({form.stem}FormSpec, initial);", "}"]


def _emit_channel(ch: ChannelHook, imp: _Imports) -> list[str]:
    imp.kernel.add("useChannel")
    imp.kernel_types.add("ChannelResult")
    imp.base_types.add("ChannelOptions")
    return [*doc_comment(ch.doc),
            (f"export function use{ch.stem}Channel(params: {ch.params}, options?: ChannelOptions): "
             f"ChannelResult<{ch.server}, {ch.client}> {{"),
            f'  return useChannel<{ch.server}, {ch.client}>("{ch.name}", params, options);', "}"]


def emit_react(ir: ProjectIR, names: Names, surface: Surface) -> str:
    imp = _Imports()
    blocks = [_emit_root(surface.globals, imp, surface.socket)]
    blocks += [_emit_context(c, imp) for c in surface.contexts]
    blocks += [_emit_mutation(m, imp) for m in surface.mutations]
    blocks += [_emit_form(f, imp) for f in surface.forms]
    blocks += [_emit_channel(c, imp) for c in surface.channels]
    react_types = "ReactElement, ReactNode" if surface.contexts else "ReactElement"
    head = [
        'import { createElement } from "react";',
        f'import type {{ {react_types} }} from "react";',
        *import_line(imp.base_types, "./kernel", type_only=True),
        *import_line(imp.kernel, "./kernel-react"),
        *import_line(imp.kernel_types, "./kernel-react", type_only=True),
        *import_line({"useMizanForm"} if surface.forms else (), "./kernel-react-forms"),
        *import_line({"FormResult"} if surface.forms else (), "./kernel-forms", type_only=True),
        *import_line(surface.calls(), "./calls"),
        *import_line(surface.call_types(), "./calls", type_only=True),
        *import_line(imp.forms, "./forms"),
        *import_line(imp.form_types, "./forms", type_only=True),
        *import_line(surface.models, "./models", type_only=True),
    ]
    body = "\n\n".join("\n".join(b) for b in blocks)
    return HEADER + "\n" + "\n".join(head) + "\n\n" + body + "\n"
