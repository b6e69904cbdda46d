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
`jsx` setting of the consuming project. Providers and hooks are one-line
calls of the runtime's non-overloaded functions (`contextProvider`,
`useCallMutation`): checking a call of `createElement`'s overloads or an
arrow function per hook is what made thousands of them heavy to compile.
"""

from __future__ import annotations

from mizan_core.ir import ProjectIR

from . import _hooks as hooks
from ._ts import Emitted, doc_comment
from .names import Names
from .surface import ChannelHook, ContextPlan, FormHook, Surface

__all__ = ["RUNTIME", "emit_react", "react_channel", "react_form"]

RUNTIME = "./kernel-react"


def _emit_root(globals_: ContextPlan | None, imp: hooks.Imports, socket: bool) -> list[str]:
    imp.value(RUNTIME, "MizanRoot")
    imp.type(RUNTIME, "MizanRootProps")
    imp.type("./kernel", "ContextMember")
    return [hooks.globals_const(globals_), "",
            "export type MizanContextProps = MizanRootProps;", "",
            *doc_comment("The root of a Mizan app: the client (base URL, token) and the global "
                         "context,\nstarted from the page's hydration values when present."),
            "export function MizanContext(props: MizanContextProps): ReactElement {",
            f"  return createElement(MizanRoot, {{ ...props, globals: GLOBALS, socket: {'true' if socket else 'false'} }});",
            "}"]


def _emit_context(ctx: ContextPlan, imp: hooks.Imports) -> list[str]:
    imp.value(RUNTIME, "contextProvider", "defineContext")
    provider = f"{ctx.stem}Provider"
    out: list[str] = []
    if ctx.home:
        out += [f'export const {ctx.spec} = /* @__PURE__ */ defineContext("{ctx.name}", {ctx.members});', "",
                f"export interface {provider}Props {{"]
        out += [f"  {p.key}{'?' if p.optional else ''}: {p.type};" for p in ctx.params]
        out += ["  children?: ReactNode;", "}", "",
                *doc_comment(f"Fetches the `{ctx.name}` context ({ctx.functions}) for its props;\n"
                             "re-fetches when a mutation invalidates it with a matching scope."),
                f"export function {provider}(props: {provider}Props): ReactElement {{",
                f"  return contextProvider({ctx.spec}, props);", "}"]
    else:
        out += hooks.context_reexport(ctx, [provider, ctx.spec], [f"{provider}Props"])
    values = hooks.context_value_hooks(ctx, imp, RUNTIME, provider,
                                       lambda value: f"`{value.name}` of the nearest `<{provider}>`.")
    return out + values


def react_form(form: FormHook, imp: hooks.Imports) -> list[str]:
    """The React hook of a form (`use<stem>Form()`), also the react-query target's."""
    return hooks.form_hook(form, imp, "./kernel-react-forms", ("FormResult", "./kernel-forms"))


def react_channel(ch: ChannelHook, imp: hooks.Imports) -> list[str]:
    """The React hook of a channel (`use<stem>Channel(params)`), also the react-query target's."""
    return hooks.channel_hook(ch, imp, RUNTIME, ch.params, ch.doc)


def emit_react(ir: ProjectIR, names: Names, surface: Surface, root: bool) -> Emitted:
    """The root (`root`) or one module's hooks (`surface` is then that module's part)."""
    imp = hooks.Imports()
    if root:
        body = "\n".join(_emit_root(surface.globals, imp, surface.socket))
    else:
        body = hooks.module_blocks(surface, imp, RUNTIME, _emit_context, react_form, react_channel)
    imp.value("react", "createElement")
    imp.type("react", "ReactElement", "ReactNode")
    return imp.entries(["react", "./kernel", RUNTIME, "./kernel-react-forms", "./kernel-forms"]), body
