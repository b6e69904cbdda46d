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

from . import _hooks as hooks
from ._ts import Emitted, doc_comment
from .names import Names
from .surface import ChannelHook, ContextPlan, Surface

__all__ = ["emit_svelte"]

RUNTIME = "./kernel-svelte"


def _emit_root(globals_: ContextPlan | None, imp: hooks.Imports, socket: bool) -> list[str]:
    imp.value(RUNTIME, "setMizanRoot")
    imp.type("./kernel", "ContextMember", "MizanClient", "MizanRootOptions")
    out = [hooks.globals_const(globals_), "",
           *doc_comment("The root of a Mizan app, called once in the root component's script: the client\n"
                        "(base URL, token) and the global context, started from the page's hydration\n"
                        "values when present. Every `useXxx()` below it finds them; returns the client."),
           "export function setMizanContext(options: MizanRootOptions = {}): MizanClient {",
           f"  return setMizanRoot(options, GLOBALS, {'true' if socket else 'false'});",
           "}"]
    return out


def _emit_context(ctx: ContextPlan, imp: hooks.Imports) -> list[str]:
    imp.value(RUNTIME, "defineContext", "provideContext")
    provide = f"provide{ctx.stem}"
    fields = "; ".join(f"{p.key}{'?' if p.optional else ''}: {p.type}" for p in ctx.params)
    if not ctx.params:
        signature, args = "", "{}"
    else:
        imp.type(RUNTIME, "MaybeGetter")
        default = " = {}" if all(p.optional for p in ctx.params) else ""
        signature, args = f"params: MaybeGetter<{{ {fields} }}>{default}", "params"
    values = hooks.context_value_hooks(
        ctx, imp, RUNTIME, provide, lambda value: f"`{value.name}` of the nearest component that called `{provide}()`.")
    if not ctx.home:
        return hooks.context_reexport(ctx, [provide, ctx.spec], []) + values
    out = [f'export const {ctx.spec} = /* @__PURE__ */ defineContext("{ctx.name}", {ctx.members});', "",
           *doc_comment(f"Provides the `{ctx.name}` context ({ctx.functions}) to the "
                        "calling component and its children:\nfetches it once mounted and re-fetches when a "
                        "mutation invalidates it with a matching scope.\nCall it in a component's script; "
                        "params given as a getter (`() => ({ ... })`) are followed."),
           f"export function {provide}({signature}): void {{",
           f"  provideContext({ctx.spec}, {args});", "}"]
    return out + values


def _emit_channel(ch: ChannelHook, imp: hooks.Imports) -> list[str]:
    imp.type(RUNTIME, "MaybeGetter")
    doc = ch.doc + "\nOpen from mount until the component is destroyed; a getter's new params reopen it."
    return hooks.channel_hook(ch, imp, RUNTIME, f"MaybeGetter<{ch.params}>", doc)


def emit_svelte(ir: ProjectIR, names: Names, surface: Surface, root: bool) -> Emitted:
    """The root (`root`) or one module's hooks (`surface` is then that module's part)."""
    imp = hooks.Imports()
    if root:
        body = "\n".join(_emit_root(surface.globals, imp, surface.socket))
    else:
        body = hooks.module_blocks(surface, imp, RUNTIME, _emit_context, lambda f, i: hooks.form_hook(
            f, i, "./kernel-svelte-forms", ("FormResult", "./kernel-forms")), _emit_channel)
    return imp.entries(["./kernel", RUNTIME, "./kernel-svelte-forms", "./kernel-forms"]), body
