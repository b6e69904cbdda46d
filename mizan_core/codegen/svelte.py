"""`svelte.ts`, the Svelte 5 target: `setMizanContext()`, `provideXxx()` per named context, `useXxx()`.

- `setMizanContext({ baseUrl, hydration? })` in the root component's script
  holds the client and the global context; global context functions are
  read with `useXxx()` -> `{ data, error, loading, refetch }`, fetched on
  first use unless the page embedded their value;
- a named context `cart` gets `provideCart({ cart_id })` (or a getter of the
  params, followed when they change), called in a parent
  component's script: it fetches every function of the context for the
  children, where `useXxx()` reads one of them;
- every other function gets `useXxx()` -> `{ mutate, data, error, loading }`
  (`useXxx({ transport })` for a `websocket=True` function);
- a form gets `useXxxForm()`, a channel `useXxxChannel(params)`, closed when
  the component is destroyed.

Results are objects of getters Svelte tracks (kernel-svelte.ts says why
this is a plain `.ts` module and not runes), so `cart.data` in markup
re-renders when the value changes; they are read as fields, not
destructured.
"""

from __future__ import annotations

from mizan_core.ir import ProjectIR

from ._ts import HEADER, doc_comment, import_line
from .names import Names
from .surface import ChannelHook, ContextPlan, FormHook, MutationHook, Surface

__all__ = ["emit_svelte"]

RUNTIME = "./kernel-svelte"


class _Imports:
    def __init__(self) -> None:
        self.runtime: set[str] = {"setMizanRoot"}
        self.runtime_types: set[str] = set()
        self.base_types: set[str] = {"ContextMember", "MizanClient", "MizanRootOptions"}


def _emit_root(globals_: ContextPlan | None, imp: _Imports, socket: bool) -> list[str]:
    out = [f"const GLOBALS: readonly ContextMember[] = {globals_.members if globals_ else '[]'};", "",
           *doc_comment("The root of a Mizan app, called once in the root component's script: the client\n"
                        "(base URL, token) and the global context, started from the page's hydration\n"
                        "values when present. Every `useXxx()` below it finds them; returns the client."),
           "export function setMizanContext(options: MizanRootOptions = {}): MizanClient {",
           f"  return setMizanRoot(options, GLOBALS, {'true' if socket else 'false'});",
           "}"]
    if globals_:
        imp.runtime.add("useGlobalValue")
        imp.runtime_types.add("QueryResult")
        for value in globals_.values:
            out += ["", *doc_comment(value.doc or f"The global context value `{value.name}`."),
                    f"export function use{value.stem}(): QueryResult<{value.result}> {{",
                    f'  return useGlobalValue<{value.result}>("{value.name}", "use{value.stem}");', "}"]
    return out


def _emit_context(ctx: ContextPlan, imp: _Imports) -> list[str]:
    imp.runtime |= {"defineContext", "provideContext", "useContextValue"}
    imp.runtime_types.add("QueryResult")
    provide = f"provide{ctx.stem}"
    fields = "; ".join(f"{p.key}{'?' if p.optional else ''}: {p.type}" for p in ctx.params)
    if not ctx.params:
        signature, args = "", "{}"
    else:
        imp.runtime_types.add("MaybeGetter")
        default = " = {}" if all(p.optional for p in ctx.params) else ""
        signature, args = f"params: MaybeGetter<{{ {fields} }}>{default}", "params"
    out = [f'const {ctx.spec} = defineContext("{ctx.name}", {ctx.members});', "",
           *doc_comment(f"Provides the `{ctx.name}` context ({', '.join(v.name for v in ctx.values)}) to the "
                        "calling component and its children:\nfetches it once mounted and re-fetches when a "
                        "mutation invalidates it with a matching scope.\nCall it in a component's script; "
                        "params given as a getter (`() => ({ ... })`) are followed."),
           f"export function {provide}({signature}): void {{",
           f"  provideContext({ctx.spec}, {args});", "}"]
    for value in ctx.values:
        out += ["", *doc_comment(f"`{value.name}` of the nearest component that called `{provide}()`."),
                f"export function use{value.stem}(): QueryResult<{value.result}> {{",
                f'  return useContextValue<{value.result}>({ctx.spec}, "{value.name}", "use{value.stem}", "{provide}");',
                "}"]
    return out


def _emit_mutation(m: MutationHook, imp: _Imports) -> list[str]:
    imp.runtime.add("useMutation")
    imp.runtime_types.add("MutationResult")
    if m.websocket:
        imp.base_types.add("TransportOptions")
    signature, params, run = m.hook_parts()
    return [*doc_comment(m.doc),
            f"export function use{m.stem}({signature}): MutationResult<{params}, {m.result}> {{",
            f"  return useMutation<{params}, {m.result}>({run});", "}"]


def _emit_form(form: FormHook) -> list[str]:
    values, success = f"{form.stem}FormValues", f"{form.stem}FormSuccess"
    return [*doc_comment(form.doc),
            f"export function use{form.stem}Form(initial?: Partial<{values}>): FormResult<{values}, {success}> {{",
            f"  return useMizanForm<{values}, {success}>({form.stem}FormSpec, initial);", "}"]


def _emit_channel(ch: ChannelHook, imp: _Imports) -> list[str]:
    imp.runtime.add("useChannel")
    imp.runtime_types.add("ChannelResult")
    imp.runtime_types.add("MaybeGetter")
    imp.base_types.add("ChannelOptions")
    return [*doc_comment(ch.doc + "\nOpen from mount until the component is destroyed; a getter's new params reopen it."),
            (f"export function use{ch.stem}Channel(params: MaybeGetter<{ch.params}>, options?: ChannelOptions): "
             f"ChannelResult<{ch.server}, {ch.client}> {{"),
            f'  return useChannel<{ch.server}, {ch.client}>("{ch.name}", params, options);', "}"]


def emit_svelte(ir: ProjectIR, names: Names, surface: Surface) -> str:
    imp = _Imports()
    blocks = [_emit_root(surface.globals, imp, surface.socket)]
    blocks += [_emit_context(c, imp) for c in surface.contexts]
    blocks += [_emit_mutation(m, imp) for m in surface.mutations]
    blocks += [_emit_form(f) for f in surface.forms]
    blocks += [_emit_channel(c, imp) for c in surface.channels]
    forms = surface.forms
    head = [
        *import_line(imp.base_types, "./kernel", type_only=True),
        *import_line(imp.runtime, RUNTIME),
        *import_line(imp.runtime_types, RUNTIME, type_only=True),
        *import_line({"useMizanForm"} if forms else (), "./kernel-svelte-forms"),
        *import_line({"FormResult"} if forms else (), "./kernel-forms", type_only=True),
        *import_line(surface.calls(), "./calls"),
        *import_line(surface.call_types(), "./calls", type_only=True),
        *import_line({f"{f.stem}FormSpec" for f in forms}, "./forms"),
        *import_line({t for f in forms for t in (f"{f.stem}FormValues", f"{f.stem}FormSuccess")}, "./forms",
                     type_only=True),
        *import_line(surface.models, "./models", type_only=True),
    ]
    body = "\n\n".join("\n".join(b) for b in blocks)
    return HEADER + "\n" + "\n".join(head) + "\n\n" + body + "\n"
