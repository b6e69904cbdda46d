"""`vue.ts`, the Vue 3 target: the `createMizan()` plugin, providers, composables.

- `app.use(createMizan({ baseUrl, ... }))` installs the client, the global
  context (started from the page's hydration) and, when the project has
  `websocket=True` functions or live updates are on, the multiplexed socket;
  global context functions are read with `useXxx()` -> read-only refs
  `{ data, error, loading }` plus `refetch`;
- a named context `cart` gets a `CartProvider` component (props = the
  context's params, written with `defineComponent`, no SFC, so both `tsc`
  and `vue-tsc` check it) and `provideCart(params)` for a component's own
  `setup()`, where params may be a ref or a getter; `useXxx()` reads one of
  its functions below either;
- every other function gets `useXxx()` -> `{ mutate, data, error, loading }`,
  a form `useXxxForm()`, a channel `useXxxChannel(params)` (params may be a
  ref or a getter), closed when the component unmounts.
"""

from __future__ import annotations

from mizan_core.ir import ProjectIR

from . import _hooks as hooks
from ._ts import Emitted, doc_comment
from .names import Names
from .surface import ChannelHook, ContextPlan, Surface

__all__ = ["emit_vue"]

_RUNTIME = "./kernel-vue"
_FORMS = "./kernel-vue-forms"


def _root(globals_: ContextPlan | None, socket: bool, wants: hooks.Imports) -> list[str]:
    wants.value(_RUNTIME, "createMizanRoot")
    wants.type(_RUNTIME, "MizanPlugin")
    wants.type("./kernel", "ContextMember", "MizanRootOptions")
    out = [hooks.globals_const(globals_), "",
           *doc_comment("The Mizan plugin of a Vue app: `app.use(createMizan({ baseUrl }))`. It carries the\n"
                        "client (base URL, token) and the global context, started from the page's\n"
                        "hydration values when present."),
           "export function createMizan(options: MizanRootOptions = {}): MizanPlugin {",
           f"  return createMizanRoot(options, GLOBALS, {'true' if socket else 'false'});", "}"]
    return out


def _context(ctx: ContextPlan, wants: hooks.Imports) -> list[str]:
    wants.value(_RUNTIME, "defineContext", "defineProvider", "provideContext")
    wants.type("vue", "MaybeRefOrGetter")
    provider, props = f"{ctx.stem}Provider", f"{ctx.stem}ProviderProps"
    # A property key is already a JS string when quoted; a bare one is quoted here.
    def quoted(key: str) -> str:
        return key if key.startswith('"') else f'"{key}"'

    keys = ", ".join(quoted(p.key) for p in ctx.params)
    # Vue casts a bare attribute (`<BoardProvider detailed>`) to true only for a prop declared Boolean.
    flags = [quoted(p.key) for p in ctx.params if set(p.type.split(" | ")) in ({"boolean"}, {"boolean", "null"})]
    extra = f", [{', '.join(flags)}]" if flags else ""
    default = " = {}" if all(p.optional for p in ctx.params) else ""
    what = f"the `{ctx.name}` context ({ctx.functions})"
    values = hooks.context_value_hooks(
        ctx, wants, _RUNTIME, provider, lambda value: f"`{value.name}` of the nearest `<{provider}>` (or `provide{ctx.stem}()`).")
    if not ctx.home:
        return hooks.context_reexport(ctx, [f"provide{ctx.stem}", provider, ctx.spec], [props]) + values
    out = [f'export const {ctx.spec} = /* @__PURE__ */ defineContext("{ctx.name}", {ctx.members});', "",
           f"export interface {props} {{",
           *(f"  {p.key}{'?' if p.optional else ''}: {p.type};" for p in ctx.params),
           "}", "",
           *doc_comment(f"Provides {what}\nto the calling component's descendants, fetched for `params` (a ref or\n"
                        "getter is watched: new params, new values); re-fetches when a mutation\n"
                        "invalidates it with a matching scope."),
           f"export function provide{ctx.stem}(params: MaybeRefOrGetter<{props}>{default}): void {{",
           f"  provideContext({ctx.spec}, params);", "}", "",
           *doc_comment(f"`<{provider}>`: provides {what} for its props to its slot."),
           f'export const {provider} = /* @__PURE__ */ defineProvider<{props}>({ctx.spec}, "{provider}", [{keys}]{extra});']
    return out + values


def _channel(ch: ChannelHook, wants: hooks.Imports) -> list[str]:
    wants.type("vue", "MaybeRefOrGetter")
    doc = f"{ch.doc}\n\nOpen until the calling component unmounts; new params (a ref or getter) re-subscribe."
    return hooks.channel_hook(ch, wants, _RUNTIME, f"MaybeRefOrGetter<{ch.params}>", doc)


def emit_vue(ir: ProjectIR, names: Names, surface: Surface, root: bool) -> Emitted:
    """The root (`root`) or one module's composables (`surface` is then that module's part)."""
    wants = hooks.Imports()
    if root:
        body = "\n".join(_root(surface.globals, surface.socket, wants))
    else:
        body = hooks.module_blocks(surface, wants, _RUNTIME, _context,
                                   lambda f, i: hooks.form_hook(f, i, _FORMS, ("FormRefs", _FORMS)), _channel)
    return wants.entries(["vue", "./kernel", _RUNTIME, _FORMS]), body
