"""What every framework target offers, planned once from the IR.

Each adapter (`react.py`, and the other targets) is a string builder over
this plan: which values are global, which contexts take which params, which
functions are mutations, which forms and channels exist, and the TypeScript
type of each. So two targets can differ only in how they spell a hook, never
in which hooks exist or what they return.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from mizan_core.ir import Context, Function, ProjectIR, TypeRef, walk_refs

from .calls import callable_functions
from .names import Names
from .types import property_key, ts_type

__all__ = ["ChannelHook", "ContextPlan", "FormHook", "MutationHook", "Surface", "ValueHook", "module_parts",
           "plan_surface"]


@dataclass(frozen=True)
class ValueHook:
    """One function of a context: `use<stem>()` reads its value."""

    name: str  # registered name
    stem: str
    result: str  # TypeScript type of the value
    doc: str | None


@dataclass(frozen=True)
class ContextParam:
    key: str  # property key, quoted when needed
    optional: bool
    type: str  # TypeScript input type


@dataclass(frozen=True)
class ContextPlan:
    """A named context: `<stem>Provider` (or its target's equivalent) and its values."""

    name: str
    stem: str
    spec: str  # name of the generated spec constant
    members: str  # TypeScript literal of the kernel's `ContextMember[]`
    params: tuple[ContextParam, ...]
    values: tuple[ValueHook, ...]
    # The module part holding the provider and the spec (the module of the
    # context's first function); other parts hold only their value hooks.
    home: bool = True
    functions: str = ""  # every function of the context, for docs: "cart, cart_summary"


@dataclass(frozen=True)
class MutationHook:
    """A function called on demand: `use<stem>()` -> `{ mutate, data, error, loading }`."""

    name: str
    stem: str
    result: str
    has_args: bool  # `mutate(args: <stem>Args)` or `mutate()`
    websocket: bool
    doc: str
    args_optional: bool = False  # every argument has a default: `mutate(args?: <stem>Args)`

    def hook_parts(self) -> tuple[str, str, str]:
        """TypeScript of `(hook parameters, mutate's parameter tuple, the run function)`.

        The run function is what the kernel's `MutationController` calls:
        `(client, args) => callXxx(args, { client })`; a `websocket=True`
        function's hook takes `options?: TransportOptions` and passes it on.
        """
        if self.has_args:
            params, run = f"[args: {self.stem}Args]", f"(client, args) => call{self.stem}(args, {{ client }})"
        else:
            params, run = "[]", f"(client) => call{self.stem}({{ client }})"
        if not self.websocket:
            return "", params, run
        return "options?: TransportOptions", params, run.replace("{ client }", "{ client, transport: options?.transport }")


@dataclass(frozen=True)
class FormHook:
    name: str
    stem: str  # `use<stem>Form()`, `<stem>FormValues`, `<stem>FormSpec`
    doc: str


@dataclass(frozen=True)
class ChannelHook:
    name: str
    stem: str  # `use<stem>Channel()`, `open<stem>Channel()`
    params: str
    server: str
    client: str
    doc: str
    models: frozenset[str]  # model types its signature names


@dataclass
class Surface:
    globals: ContextPlan | None
    contexts: list[ContextPlan]
    mutations: list[MutationHook]
    forms: list[FormHook]
    channels: list[ChannelHook]
    socket: bool  # the project has `websocket=True` functions
    models: set[str] = field(default_factory=set)  # model types the hooks' signatures name

    def empty(self) -> bool:
        return not (self.globals or self.contexts or self.mutations or self.forms or self.channels)


def _members(ctx: Context, functions: dict[str, Function]) -> str:
    items = []
    for name in ctx.functions:
        params = ", ".join(f'"{p.name}"' for p in functions[name].params)
        items.append(f'{{ name: "{name}", params: [{params}] }}')
    return "[" + ", ".join(items) + "]"


class _Planner:
    def __init__(self, ir: ProjectIR, names: Names) -> None:
        self.ir = ir
        self.names = names
        self.functions = {f.name: f for f in ir.functions}
        self.models: set[str] = set()

    def type(self, t: TypeRef, as_input: bool = False) -> str:
        self.models.update(self.names.type_name(r, as_input) for r in walk_refs(t) if r in self.names.types)
        return ts_type(t, self.names, as_input=as_input)

    def context(self, ctx: Context) -> ContextPlan:
        stem = self.names.contexts.get(ctx.name, "")
        values = []
        for name in ctx.functions:
            fn = self.functions[name]
            values.append(ValueHook(name, self.names.functions[name], self.type(fn.returns), fn.doc))
        params = tuple(ContextParam(property_key(p.name), not p.required, self.type(p.type, as_input=True))
                       for p in ctx.params)
        spec = f"{stem[:1].lower()}{stem[1:]}Context" if stem else "globalContext"
        return ContextPlan(ctx.name, stem, spec, _members(ctx, self.functions), params, tuple(values),
                           functions=", ".join(ctx.functions))

    def mutation(self, fn: Function) -> MutationHook:
        kind = "Mutation" if fn.affects else "Call"
        doc = f"{kind} `{fn.name}`: `mutate(...)` calls it and keeps the last result."
        if fn.websocket:
            doc += "\nOver the multiplexed socket while it is open, else HTTP; `transport` overrides."
        return MutationHook(fn.name, self.names.functions[fn.name], self.type(fn.returns),
                            bool(fn.params), fn.websocket, doc,
                            args_optional=bool(fn.params) and not any(p.required for p in fn.params))


def plan_surface(ir: ProjectIR, names: Names) -> Surface:
    """The hooks of `ir`, in the IR's canonical order."""
    planner = _Planner(ir, names)
    callable_ = callable_functions(ir)
    globals_ = ir.context("global")
    forms = [FormHook(f.name, names.forms[f.name], f.doc or f"The `{f.name}` form ({f.module}.{f.qualname}).")
             for f in ir.forms]
    channels = []
    for ch in ir.channels:
        before = set(planner.models)
        planner.models = set()
        client = planner.type(ch.client_message, as_input=True) if ch.client_message is not None else "never"
        params, server = planner.type(ch.params, as_input=True), planner.type(ch.server_message)
        doc = "\n\n".join(x for x in (ch.doc, f"Channel `{ch.name}` ({ch.module}.{ch.qualname}).") if x)
        channels.append(ChannelHook(ch.name, names.channels[ch.name], params, server, client, doc,
                                    frozenset(planner.models)))
        planner.models |= before
    surface = Surface(
        globals=planner.context(globals_) if globals_ else None,
        contexts=[planner.context(c) for c in ir.contexts if c.name != "global"],
        mutations=[planner.mutation(f) for f in callable_ if f.context is None],
        forms=forms,
        channels=channels,
        socket=any(f.websocket for f in callable_),
    )
    surface.models = planner.models
    return surface


def module_parts(surface: Surface, ir: ProjectIR) -> dict[str, Surface]:
    """`surface` split by the Python module of each hook's function, form or channel.

    A part's `globals` holds only its module's global values (the root, with
    every global member, is the whole surface's); a named context is in the
    part of its first function's module (`home`) and, with only their value
    hooks, in the parts of its other functions' modules.
    """
    module_of = {f.name: f.module for f in ir.functions}
    parts: dict[str, Surface] = {}

    def part(module: str) -> Surface:
        return parts.setdefault(module, Surface(None, [], [], [], [], surface.socket))

    def by_module(values: tuple[ValueHook, ...]) -> dict[str, tuple[ValueHook, ...]]:
        grouped: dict[str, tuple[ValueHook, ...]] = {}
        for value in values:
            grouped[module_of[value.name]] = (*grouped.get(module_of[value.name], ()), value)
        return grouped

    if surface.globals is not None:
        for module, values in by_module(surface.globals.values).items():
            part(module).globals = replace(surface.globals, values=values)
    for ctx in surface.contexts:
        grouped = by_module(ctx.values)
        home = module_of[ctx.values[0].name] if ctx.values else ""
        part(home).contexts.append(replace(ctx, values=grouped.pop(home, ()), home=True))
        for module, values in grouped.items():
            part(module).contexts.append(replace(ctx, values=values, home=False))
    for m in surface.mutations:
        part(module_of[m.name]).mutations.append(m)
    form_module = {f.name: f.module for f in ir.forms}
    for form in surface.forms:
        part(form_module[form.name]).forms.append(form)
    channel_module = {c.name: c.module for c in ir.channels}
    for ch in surface.channels:
        part(channel_module[ch.name]).channels.append(ch)
    return parts
