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

from ._ts import HEADER, doc_comment, import_line
from .names import Names
from .surface import ChannelHook, ContextPlan, FormHook, MutationHook, Surface

__all__ = ["emit_vue"]

_RUNTIME = "./kernel-vue"


class _Wants:
    """What the entry module imports, by module and kind, as the blocks are written."""

    def __init__(self) -> None:
        self.values: dict[str, set[str]] = {}
        self.types: dict[str, set[str]] = {}

    def value(self, module: str, *names: str) -> None:
        self.values.setdefault(module, set()).update(names)

    def type(self, module: str, *names: str) -> None:
        self.types.setdefault(module, set()).update(names)

    def lines(self, order: list[str]) -> list[str]:
        out: list[str] = []
        for module in order:
            out += import_line(self.values.get(module, ()), module)
            out += import_line(self.types.get(module, ()), module, type_only=True)
        return out


def _root(globals_: ContextPlan | None, socket: bool, wants: _Wants) -> list[str]:
    wants.value(_RUNTIME, "createMizanRoot")
    wants.type(_RUNTIME, "MizanPlugin")
    wants.type("./kernel", "ContextMember", "MizanRootOptions")
    out = [f"const GLOBALS: readonly ContextMember[] = {globals_.members if globals_ else '[]'};", "",
           *doc_comment("The Mizan plugin of a Vue app: `app.use(createMizan({ baseUrl }))`. It carries the\n"
                        "client (base URL, token) and the global context, started from the page's\n"
                        "hydration values when present."),
           "export function createMizan(options: MizanRootOptions = {}): MizanPlugin {",
           f"  return createMizanRoot(options, GLOBALS, {'true' if socket else 'false'});", "}"]
    for value in globals_.values if globals_ else ():
        wants.value(_RUNTIME, "useGlobalValue")
        wants.type(_RUNTIME, "QueryResult")
        out += ["", *doc_comment(value.doc or f"The global context value `{value.name}`."),
                f"export function use{value.stem}(): QueryResult<{value.result}> {{",
                f'  return useGlobalValue<{value.result}>("{value.name}", "use{value.stem}");', "}"]
    return out


def _context(ctx: ContextPlan, wants: _Wants) -> list[str]:
    wants.value(_RUNTIME, "defineContext", "defineProvider", "provideContext", "useContextValue")
    wants.type(_RUNTIME, "QueryResult")
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
    what = f"the `{ctx.name}` context ({', '.join(v.name for v in ctx.values)})"
    out = [f'const {ctx.spec} = defineContext("{ctx.name}", {ctx.members});', "",
           f"export interface {props} {{",
           *(f"  {p.key}{'?' if p.optional else ''}: {p.type};" for p in ctx.params),
           "}", "",
           *doc_comment(f"Provides {what}\nto the calling component's descendants, fetched for `params` (a ref or\n"
                        "getter is watched: new params, new values); re-fetches when a mutation\n"
                        "invalidates it with a matching scope."),
           f"export function provide{ctx.stem}(params: MaybeRefOrGetter<{props}>{default}): void {{",
           f"  provideContext({ctx.spec}, params);", "}", "",
           *doc_comment(f"`<{provider}>`: provides {what} for its props to its slot."),
           f'export const {provider} = defineProvider<{props}>({ctx.spec}, "{provider}", [{keys}]{extra});']
    for value in ctx.values:
        out += ["", *doc_comment(f"`{value.name}` of the nearest `<{provider}>` (or `provide{ctx.stem}()`)."),
                f"export function use{value.stem}(): QueryResult<{value.result}> {{",
                f'  return useContextValue<{value.result}>({ctx.spec}, "{value.name}", "use{value.stem}", "{provider}");',
                "}"]
    return out


def _mutation(m: MutationHook, wants: _Wants) -> list[str]:
    wants.value(_RUNTIME, "useMutation")
    wants.type(_RUNTIME, "MutationResult")
    options = "{ client }"
    signature = ""
    if m.websocket:
        wants.type("./kernel", "TransportOptions")
        signature, options = "options?: TransportOptions", "{ client, transport: options?.transport }"
    args = f"[args: {m.stem}Args]" if m.has_args else "[]"
    run = (f"(client, args) => call{m.stem}(args, {options})" if m.has_args
           else f"(client) => call{m.stem}({options})")
    return [*doc_comment(m.doc),
            f"export function use{m.stem}({signature}): MutationResult<{args}, {m.result}> {{",
            f"  return useMutation<{args}, {m.result}>({run});", "}"]


def _form(form: FormHook, wants: _Wants) -> list[str]:
    values, success = f"{form.stem}FormValues", f"{form.stem}FormSuccess"
    wants.value("./forms", f"{form.stem}FormSpec")
    wants.type("./forms", values, success)
    wants.value("./kernel-vue-forms", "useMizanForm")
    wants.type("./kernel-vue-forms", "FormRefs")
    return [*doc_comment(form.doc),
            f"export function use{form.stem}Form(initial?: Partial<{values}>): FormRefs<{values}, {success}> {{",
            f"  return useMizanForm<{values}, {success}>({form.stem}FormSpec, initial);", "}"]


def _channel(ch: ChannelHook, wants: _Wants) -> list[str]:
    wants.value(_RUNTIME, "useChannel")
    wants.type(_RUNTIME, "ChannelResult")
    wants.type("./kernel", "ChannelOptions")
    wants.type("vue", "MaybeRefOrGetter")
    doc = f"{ch.doc}\n\nOpen until the calling component unmounts; new params (a ref or getter) re-subscribe."
    return [*doc_comment(doc),
            (f"export function use{ch.stem}Channel(params: MaybeRefOrGetter<{ch.params}>, options?: ChannelOptions): "
             f"ChannelResult<{ch.server}, {ch.client}> {{"),
            f'  return useChannel<{ch.server}, {ch.client}>("{ch.name}", params, options);', "}"]


def emit_vue(ir: ProjectIR, names: Names, surface: Surface) -> str:
    wants = _Wants()
    blocks = [_root(surface.globals, surface.socket, wants)]
    blocks += [_context(c, wants) for c in surface.contexts]
    blocks += [_mutation(m, wants) for m in surface.mutations]
    blocks += [_form(f, wants) for f in surface.forms]
    blocks += [_channel(c, wants) for c in surface.channels]
    wants.value("./calls", *surface.calls())
    wants.type("./calls", *surface.call_types())
    wants.type("./models", *surface.models)
    head = wants.lines(["vue", "./kernel", _RUNTIME, "./kernel-vue-forms", "./calls", "./forms", "./models"])
    body = "\n\n".join("\n".join(b) for b in blocks)
    return HEADER + "\n" + "\n".join(head) + "\n\n" + body + "\n"
