"""Text builders for the hooks every framework target writes alike.

The React, Vue and Svelte entry modules spell a global value, a context
value, a mutation, a form and a channel the same way: `use<stem>()` as a
one-line wrapper of the adapter runtime's generic function. What differs by
target is passed in (the result type, the params type, the doc); which
runtime names each block imports is noted in the emitter's `Imports` as it is
written (the generated names it uses are imported by `layout.assemble`).
"""

from __future__ import annotations

from collections.abc import Callable

from ._ts import doc_comment
from .surface import ChannelHook, ContextPlan, FormHook, MutationHook, Surface, ValueHook

__all__ = [
    "Imports", "channel_hook", "context_reexport", "context_value_hooks", "form_hook", "global_value_hooks",
    "globals_const", "module_blocks", "mutation_hook",
]


class Imports:
    """What an entry module imports, by module and kind, as its blocks are written."""

    def __init__(self) -> None:
        self.values: dict[str, set[str]] = {}
        self.types: dict[str, set[str]] = {}

    def value(self, module: str, *names: str) -> None:
        self.values.setdefault(module, set()).update(names)

    def type(self, module: str, *names: str) -> None:
        self.types.setdefault(module, set()).update(names)

    def entries(self, order: list[str]) -> list[tuple[str, set[str], bool]]:
        """(module, names, type-only), module by module in `order`: values, then types."""
        out: list[tuple[str, set[str], bool]] = []
        for module in order:
            out.append((module, self.values.get(module, set()), False))
            out.append((module, self.types.get(module, set()), True))
        return out


def globals_const(globals_: ContextPlan | None) -> str:
    """The `GLOBALS` members the root passes to its adapter's runtime."""
    return f"const GLOBALS: readonly ContextMember[] = {globals_.members if globals_ else '[]'};"


def global_value_hooks(globals_: ContextPlan | None, imp: Imports, runtime: str) -> list[str]:
    """`use<stem>(): QueryResult<R>` per global context function, each after a blank line."""
    out: list[str] = []
    for value in globals_.values if globals_ else ():
        imp.value(runtime, "useGlobalValue")
        imp.type(runtime, "QueryResult")
        out += ["", *doc_comment(value.doc or f"The global context value `{value.name}`."),
                f"export function use{value.stem}(): QueryResult<{value.result}> {{",
                f'  return useGlobalValue<{value.result}>("{value.name}", "use{value.stem}");', "}"]
    return out


def context_reexport(ctx: ContextPlan, values: list[str], types: list[str]) -> list[str]:
    """In a module that holds some of a named context's functions but not its
    first: its provider and spec, re-exported from that one, so that the
    module's own file offers the provider of its hooks (and keeps offering it
    when a function of the context in another module becomes the first)."""
    out = [*doc_comment(f"The `{ctx.name}` context's provider, declared with its first function."),
           f"export {{ {', '.join(values)} }};"]
    if types:
        out.append(f"export type {{ {', '.join(types)} }};")
    return out


def context_value_hooks(ctx: ContextPlan, imp: Imports, runtime: str, provider: str,
                        doc: Callable[[ValueHook], str]) -> list[str]:
    """`use<stem>(): QueryResult<R>` per function of a named context, read below `provider`."""
    imp.value(runtime, "useContextValue")
    imp.type(runtime, "QueryResult")
    out: list[str] = []
    for value in ctx.values:
        out += ["", *doc_comment(doc(value)),
                f"export function use{value.stem}(): QueryResult<{value.result}> {{",
                f'  return useContextValue<{value.result}>({ctx.spec}, "{value.name}", "use{value.stem}", "{provider}");',
                "}"]
    return out


def mutation_hook(m: MutationHook, imp: Imports, runtime: str) -> list[str]:
    """`use<stem>`: a `CallMutationResult<Args, R>` hook made by `runtime`'s `defineCallMutation`
    (`CallWithDefaultsMutationResult` when every argument has a default; `MutationResult<[], R>`
    over `useMutation` when the function takes no arguments)."""
    if m.has_args:
        # The runtime's factory wraps the call and declares the result's
        # `[args: A]` once: no arrow function, no tuple and no signature to
        # type per hook, which is most of what a hook costs the compiler.
        # Marked pure so that a bundler drops the hooks a page does not use.
        define = "defineSocketMutation" if m.websocket else "defineCallMutation"
        if m.args_optional:
            define += "WithDefaults"  # `mutate()` as well as `mutate(args)`
        imp.value(runtime, define)
        return [*doc_comment(m.doc),
                f"export const use{m.stem} = /* @__PURE__ */ {define}<{m.stem}Args, {m.result}>(call{m.stem});"]
    if m.websocket:
        imp.type("./kernel", "TransportOptions")
    signature, params, run = m.hook_parts()
    imp.value(runtime, "useMutation")
    imp.type(runtime, "MutationResult")
    return [*doc_comment(m.doc),
            f"export function use{m.stem}({signature}): MutationResult<{params}, {m.result}> {{",
            f"  return useMutation<{params}, {m.result}>({run});", "}"]


def form_hook(form: FormHook, imp: Imports, runtime: str, result: tuple[str, str]) -> list[str]:
    """`use<stem>Form(initial?)` over `runtime`'s `useMizanForm`; `result` is the target's
    result type and the module it is imported from."""
    values, success = f"{form.stem}FormValues", f"{form.stem}FormSuccess"
    imp.value(runtime, "useMizanForm")
    imp.type(result[1], result[0])
    return [*doc_comment(form.doc),
            f"export function use{form.stem}Form(initial?: Partial<{values}>): {result[0]}<{values}, {success}> {{",
            f"  return useMizanForm<{values}, {success}>({form.stem}FormSpec, initial);", "}"]


def channel_hook(ch: ChannelHook, imp: Imports, runtime: str, params: str, doc: str) -> list[str]:
    """`use<stem>Channel(params, options?)` over `runtime`'s `useChannel`; `params` is the
    parameter's type."""
    imp.value(runtime, "useChannel")
    imp.type(runtime, "ChannelResult")
    imp.type("./kernel", "ChannelOptions")
    return [*doc_comment(doc),
            (f"export function use{ch.stem}Channel(params: {params}, options?: ChannelOptions): "
             f"ChannelResult<{ch.server}, {ch.client}> {{"),
            f'  return useChannel<{ch.server}, {ch.client}>("{ch.name}", params, options);', "}"]


def module_blocks(surface: Surface, imp: Imports, runtime: str,
                  context: Callable[[ContextPlan, Imports], list[str]],
                  form: Callable[[FormHook, Imports], list[str]],
                  channel: Callable[[ChannelHook, Imports], list[str]]) -> str:
    """The body of one module's target file, in the order every target writes it: global
    values, contexts, mutations, forms, channels; `context`, `form` and `channel` are the
    target's own."""
    blocks = [global_value_hooks(surface.globals, imp, runtime)[1:]]
    blocks += [context(c, imp) for c in surface.contexts]
    blocks += [mutation_hook(m, imp, runtime) for m in surface.mutations]
    blocks += [form(f, imp) for f in surface.forms]
    blocks += [channel(c, imp) for c in surface.channels]
    return "\n\n".join("\n".join(b) for b in blocks if b)
