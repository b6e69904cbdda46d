"""A hypothesis strategy that writes random but valid Mizan projects.

`projects(features)` draws a whole Django project as files: a settings
package and `manage.py`, one or two installed apps (`apps.py` calling
`mizan_clients`, `clients` as a module or a package, extra modules, a
subpackage whose `__init__` declares functions, forms, channels, a
`models.py` Django imports by itself) and plain packages beside them. The
declarations cover every `@client` parameter, `affects` to contexts, to
functions (by name and by object, imported or local) and to lists and
tuples of both, contexts whose functions share parameters, route and
view-path functions, forms with every Django field class and channels; every
name Mizan exports is imported in each style the contract lists.

"Valid" means `mizan check` finds no error and the runtime imports every
module: the generator only writes what both sides must agree on. What it
writes for a feature of `features.FEATURES` that is still off is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

from .source import Draw, SourceFile
from .types import LITERAL_VALUES, Named, Ty, default_of, render, types

__all__ = ["GeneratedProject", "projects"]

SETTINGS = "gensite.settings"


@dataclass
class GeneratedProject:
    files: dict[str, str]
    apps: tuple[str, ...]

    def write(self, root: Path) -> None:
        for relative, text in self.files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def __repr__(self) -> str:  # what hypothesis prints for a failing example
        return "\n".join(f"# ---- {p}\n{t}" for p, t in sorted(self.files.items()))


@dataclass
class _Fn:
    module: str
    name: str
    kind: str  # rpc global context route view
    public: str | None
    context: str | None = None
    reachable: bool = True


@dataclass
class _Mod:
    file: SourceFile
    app: str | None
    role: str  # content forms channels clients
    reachable: bool = True
    named: list[Named] = field(default_factory=list)
    helpers: list[str] = field(default_factory=list)


_PARAM_NAMES = ("item_id", "label", "count", "when", "tags", "flag", "note", "first_name")
_FIELD_NAMES = ("label", "count", "item_count", "first_name", "note", "when", "tags", "is_open",
                "price", "child_list", "owner_id")
_CONTEXT_PARAMS = ("board_id", "slug", "page", "owner_id")
_CONTEXT_TYPES = (Ty("prim", "int"), Ty("prim", "str"), Ty("prim", "uuid"), Ty("prim", "bool"),
                  Ty("literal", "typing:Literal", values=("a", "b")))
_CONVERTERS = {"int": Ty("prim", "int"), "str": Ty("prim", "str"), "slug": Ty("prim", "str"),
               "uuid": Ty("prim", "uuid"), "path": Ty("prim", "str")}
_RESPONSES = ("HttpResponse", "JsonResponse", "HttpResponseRedirect")


class _Builder:
    def __init__(self, draw: Draw, features: frozenset[str]) -> None:
        self.draw = draw
        self.features = features
        self.n = 0
        self.mods: list[_Mod] = []
        self.files: dict[str, SourceFile] = {}
        self.fns: list[_Fn] = []
        self.publics: list[str] = []
        self.contexts: dict[str, dict[str, Ty]] = {}
        #: contexts some reachable function already belongs to
        self.live_contexts: set[str] = set()
        self.reexport: str | None = None
        self.raw: dict[str, str] = {}  # files no declaration is drawn into

    def next(self) -> int:
        self.n += 1
        return self.n

    def flag(self, p: float = 0.5) -> bool:
        return bool(self.draw(st.floats(0, 1)) < p)

    def pick(self, items):  # type: ignore[no-untyped-def]
        return self.draw(st.sampled_from(list(items)))

    # ---- layout --------------------------------------------------------

    def module(self, name: str, app: str | None, role: str = "content", *, package: bool = False,
               reachable: bool = True) -> _Mod:
        file = SourceFile(name, is_package=package, future=self.flag(0.4), project=self.files,
                          allow_guard="type_checking" in self.features)
        self.files[name] = file
        mod = _Mod(file, app, role, reachable)
        self.mods.append(mod)
        return mod

    def layout(self) -> tuple[str, ...]:
        draw = self.draw
        if self.flag(0.3):
            self.reexport = "mzapi"
            api = self.module("mzapi", None, "reexport", package=True)
            api.file.body.append("from mizan_django import client as rpc\n"
                                 "from mizan_django import register as expose\n\n"
                                 '__all__ = ["expose", "rpc"]')
        for j in range(draw(st.integers(0, 2))):
            lib = f"lib{j}"
            self.module(lib, None, package=True)
            if self.flag():
                self.module(f"{lib}.schemas", None)
            if self.flag(0.3):
                self.module(f"{lib}.sub", None, package=True)
                self.module(f"{lib}.sub.deep", None)
        if "package_rebinding" in self.features and self.flag(0.3):
            self.shadowed_package()
        apps = tuple(f"app{j}" for j in range(draw(st.integers(1, 2))))
        for app in apps:
            if app != apps[0] and "autodiscovery" in self.features and self.flag(0.2):
                # forms.py and channels.py only: mizan_clients finds them without a clients
                self.module(f"{app}.forms", app, "forms")
                if self.flag():
                    self.module(f"{app}.channels", app, "channels")
                continue
            if self.flag(0.3):
                self.module(f"{app}.models", app)
            if self.flag(0.4):
                self.module(f"{app}.schemas", app)
            for k in range(draw(st.integers(0, 2))):
                self.module(f"{app}.mod{k}", app)
            if self.flag(0.3):
                self.module(f"{app}.api", app, package=True)
            if self.flag(0.5):
                self.module(f"{app}.forms", app, "forms")
            if self.flag(0.3):
                self.module(f"{app}.channels", app, "channels")
            if "unreachable" in self.features and self.flag(0.4):
                role = self.pick(["content", "content", "forms", "channels"])
                self.module(f"{app}.orphan", app, role, reachable=False)
            if self.flag(0.3):
                self.module(f"{app}.clients.more", app)
                self.module(f"{app}.clients", app, "clients", package=True)
            else:
                self.module(f"{app}.clients", app, "clients")
        return apps

    def shadowed_package(self) -> None:
        """A package whose `__init__` binds `kind` from `.values` beside its
        submodule `kind.py`. Either clients imports the submodule (after the
        package bound the name: `pkg.kind` is the module, whose functions are
        served) or nothing does (`pkg.kind` is the package's Literal, which
        annotations use, and the submodule's function is in neither IR)."""
        pkg = f"shade{self.next()}"
        mod = self.module(pkg, None, package=True)
        mod.file.defined.add("kind")
        mod.file.body.append("from .values import kind\n")
        values = tuple(self.draw(st.lists(st.sampled_from(LITERAL_VALUES), min_size=1,
                                          max_size=3, unique=True)))
        self.raw[f"{pkg}/values.py"] = ("from typing import Literal\n\n"
                                        f"kind = Literal[{', '.join(map(repr, values))}]\n")
        if self.flag():
            self.module(f"{pkg}.kind", None, "submodule")  # `wire` makes clients import it
            return
        mod.named.append(Named(pkg, "kind", "alias", hashable=True,
                               of=Ty("literal", "typing:Literal", values=values)))
        hidden = f"hidden{self.next()}"
        self.raw[f"{pkg}/kind.py"] = (
            "from mizan_django import client, register\n\n\n"
            f"@client\ndef {hidden}(request) -> int:\n    raise NotImplementedError\n\n\n"
            f'register({hidden}, "{hidden}")\n' if "unreachable" in self.features
            else '"""Never imported."""\n')

    # ---- spelling ------------------------------------------------------

    def client_name(self, file: SourceFile) -> str:
        options = [("mizan_django", "client"), ("mizan_django.client", "client"),
                   ("mizan_core", "client"), ("mizan_core.client", "client")]
        if self.reexport and file.module != self.reexport:
            options.append((self.reexport, "rpc"))
        return file.ref(self.draw, *self.pick(options))

    def register_name(self, file: SourceFile) -> str:
        options = [("mizan_django", "register"), ("mizan_django.setup", "register"),
                   ("mizan_core", "register"), ("mizan_core.registry", "register")]
        if "setup_registry" in self.features:
            options.append(("mizan_django.setup.registry", "register"))
        if self.reexport and file.module != self.reexport:
            options.append((self.reexport, "expose"))
        return file.ref(self.draw, *self.pick(options))

    def register_call(self, file: SourceFile, target: str, public: str) -> str:
        shape = self.pick(["positional", "positional", "name", "keywords"])
        head = self.register_name(file)
        if shape == "name":
            return f'{head}({target}, name="{public}")\n'
        if shape == "keywords":
            return f'{head}(fn={target}, name="{public}")\n'
        return f'{head}({target}, "{public}")\n'

    def visible(self, mod: _Mod) -> tuple[Named, ...]:
        """Named types `mod` may use: its own and those of every module before it."""
        out: list[Named] = []
        for other in self.mods:
            if other.reachable or other is mod:  # importing it would make it reachable
                out.extend(other.named)
            if other is mod:
                break
        return tuple(out)

    def ann(self, mod: _Mod, ty: Ty, *, quote: bool = True) -> str:
        """A function's annotation (which the runtime never evaluates at import)."""
        mod.file.guarding = True
        try:
            text = render(ty, mod.file, self.draw)
        finally:
            mod.file.guarding = False
        if quote and not mod.file.future and self.flag(0.15):
            return repr(text)
        return text

    # ---- named types ---------------------------------------------------

    def named_types(self, mod: _Mod) -> None:
        for _ in range(self.draw(st.integers(0, 3))):
            kind = self.pick(["model", "model", "enum", "alias"]
                             + (["dataclass", "typeddict"] if "structured_types" in self.features
                                else [])
                             + (["generic"] if "generic_models" in self.features else []))
            getattr(self, f"_{kind}")(mod)

    def _enum(self, mod: _Mod) -> None:
        k = self.next()
        name = f"E{k}"
        f, d = mod.file, self.draw
        computed = "enum_values" in self.features
        bases = ["str", "int", "auto", "strenum"] + (["text", "integer"] if computed else [])
        base = self.pick(bases)
        members = d(st.integers(1, 3))
        if base == "str":
            head = f"str, {f.ref(d, 'enum', 'Enum')}"
            values = [f'"v{i}"' for i in range(members)]
        elif base == "int":
            head = f.ref(d, "enum", "IntEnum")
            values = [str(i * 10 + 1) for i in range(members)]
        elif base == "strenum":
            head = f.ref(d, "enum", "StrEnum")
            values = [f'"s{i}"' for i in range(members)]
        elif base in ("text", "integer"):
            head = f.ref(d, "django.db.models", "TextChoices" if base == "text"
                         else "IntegerChoices")
            values = [f'"c{i}"' if base == "text" else str(i + 1) for i in range(members)]
            for i in range(members):  # `= value, label`, the label perhaps a lazy translation
                if self.flag(0.3):
                    values[i] += f', {f.ref(d, "django.utils.translation", "gettext_lazy")}' \
                                 f'("Choice {i}")'
                elif self.flag():
                    values[i] += f', "Choice {i}"'
            # (after an IntegerChoices `1, "label"` tuple auto() cannot add 1: it
            # restarts at 1, a duplicate Django refuses)
            if self.flag(0.5) and (base == "text" or all("," not in v for v in values)):
                values.append(f"{f.ref(d, 'enum', 'auto')}()")
        else:
            head = f.ref(d, "enum", "Enum")
            auto = f.ref(d, "enum", "auto")
            values = [f"{auto}()" for _ in range(members)]
        lines = [f"class {name}({head}):"]
        if self.flag(0.3):
            lines.append(f'    """Enum {k}."""')
        lines += [f"    M{i} = {v}" for i, v in enumerate(values)]
        if computed and base in ("str", "int") and self.flag(0.3):
            # the mixin converts it: str(0.5) is "0.5", int(2.5) is 2
            lines.append(f"    F = {'0.5' if base == 'str' else '2.5'}  # converted by the mixin")
        elif base == "auto" and "float_values" in self.features and self.flag(0.3):
            # a plain Enum keeps a float as it is: neither side reads it
            lines.append("    F = 0.5  # neither side reads a float member")
            if computed and self.flag():
                lines.append(f"    N = {f.ref(d, 'enum', 'auto')}()  # auto() after a float")
        if base not in ("auto", "text", "integer") and self.flag(0.3):
            lines.append(f"    ALIAS = {values[0]}  # an alias: not a member")
        f.defined.add(name)
        f.body.append("\n".join(lines) + "\n")
        mod.named.append(Named(f.module, name, "enum", hashable=True, member="M0"))

    def _alias(self, mod: _Mod) -> None:
        k = self.next()
        name = f"A{k}"
        ty = types(self.draw, self.visible(mod), self.features, 2)
        text = render(ty, mod.file, self.draw)
        if self.flag():
            line = f"{name}: {mod.file.ref(self.draw, 'typing', 'TypeAlias')} = {text}"
        else:
            line = f"{name} = {text}"
        mod.file.defined.add(name)
        mod.file.body.append(line + "\n")
        mod.named.append(Named(mod.file.module, name, "alias", hashable=ty.hashable, of=ty))

    def _model(self, mod: _Mod) -> None:
        k = self.next()
        name = f"M{k}"
        f, d = mod.file, self.draw
        scope = self.visible(mod)
        models = [n for n in scope if n.kind == "model"]
        base = f.ref(d, "pydantic", "BaseModel")
        if models and self.flag(0.3):
            parent = self.pick(models)
            base = f.ref(d, parent.module, parent.name)
        lines = [f"class {name}({base}):"]
        if self.flag(0.3):
            lines.append(f'    """Model {k}."""')
        if self.flag(0.2):
            gen = self.pick(["to_camel", "to_pascal", "to_snake"])
            config = f.ref(d, "pydantic", "ConfigDict")
            lines.append(f"    model_config = {config}(alias_generator="
                         f"{f.ref(d, 'pydantic.alias_generators', gen)}, populate_by_name=True)")
        names = d(st.lists(st.sampled_from(_FIELD_NAMES), min_size=1, max_size=4, unique=True))
        fields: list[str] = []
        recursive = self.flag(0.25)
        for i, fname in enumerate(names):
            if recursive and i == len(names) - 1:
                own = name if f.future else f'"{name}"'
                if self.flag():
                    fields.append(f"    {fname}: list[{own}] = []")
                else:
                    opt = f.ref(d, "typing", "Optional")
                    fields.append(f"    {fname}: {opt}[{own}] = None")
                continue
            ty = types(d, scope, self.features, 2)
            text = render(ty, f, d)
            default = default_of(ty, f, d) if self.flag(0.4) else None
            alias = f'"{fname}Alias"' if self.flag(0.2) else None
            if alias or (default is not None and self.flag(0.3)):
                fld = f.ref(d, "pydantic", "Field")
                args = ([] if default is None else [f"default={default}"]) + (
                    [f"alias={alias}"] if alias else [])
                if default is None and alias and ty.kind == "list" and ty.name == "list" \
                        and self.flag():
                    args.insert(0, "default_factory=list")
                fields.append(f"    {fname}: {text} = {fld}({', '.join(args)})")
            elif default is not None:
                fields.append(f"    {fname}: {text} = {default}")
            else:
                fields.append(f"    {fname}: {text}")
        lines += fields
        self._declare(mod, name, "model", lines)

    def _generic(self, mod: _Mod) -> None:
        k = self.next()
        name, var = f"G{k}", f"T{k}"
        f, d = mod.file, self.draw
        f.defined.update({name, var})
        typevar = f.ref(d, "typing", "TypeVar")
        generic = f.ref(d, "typing", "Generic")
        base = f.ref(d, "pydantic", "BaseModel")
        lines = [f'{var} = {typevar}("{var}")', "", "",
                 f"class {name}({base}, {generic}[{var}]):"]
        if self.flag(0.3):
            lines.append(f'    """Page {k}."""')
        lines += [f"    items: list[{var}]", "    total: int"]
        if self.flag(0.3):
            lines.append(f"    first: {f.ref(d, 'typing', 'Optional')}[{var}] = None")
        self._declare(mod, name, "generic", lines)

    @staticmethod
    def _declare(mod: _Mod, name: str, kind: str, lines: list[str]) -> None:
        mod.file.defined.add(name)
        mod.file.body.append("\n".join(lines) + "\n")
        mod.named.append(Named(mod.file.module, name, kind))

    def _dataclass(self, mod: _Mod) -> None:
        k = self.next()
        name = f"D{k}"
        f, d = mod.file, self.draw
        deco = f.ref(d, "dataclasses", "dataclass")
        lines = [f"@{deco}", f"class {name}:"]
        for fname in d(st.lists(st.sampled_from(_FIELD_NAMES), min_size=1, max_size=3,
                                unique=True)):
            lines.append(f"    {fname}: {render(types(d, self.visible(mod), self.features, 1), f, d)}")
        self._declare(mod, name, "dataclass", lines)

    def _typeddict(self, mod: _Mod) -> None:
        k = self.next()
        name = f"T{k}"
        f, d = mod.file, self.draw
        total = "" if self.flag() else ", total=False"
        lines = [f"class {name}({f.ref(d, 'typing_extensions', 'TypedDict')}{total}):"]
        names = d(st.lists(st.sampled_from(_FIELD_NAMES), min_size=1, max_size=3, unique=True))
        for fname in names:
            text = render(types(d, self.visible(mod), self.features, 1), f, d)
            wrap = self.pick([None, "Required", "NotRequired"])
            if wrap:
                text = f"{f.ref(d, 'typing_extensions', wrap)}[{text}]"
            lines.append(f"    {fname}: {text}")
        self._declare(mod, name, "typeddict", lines)

    # ---- functions -----------------------------------------------------

    def plan_contexts(self) -> None:
        for j in range(self.draw(st.integers(0, 2))):
            names = self.draw(st.lists(st.sampled_from(_CONTEXT_PARAMS), min_size=1, max_size=2,
                                       unique=True))
            self.contexts[f"ctx{j}"] = {n: self.pick(_CONTEXT_TYPES) for n in names}

    def functions(self, mod: _Mod) -> None:
        for _ in range(self.draw(st.integers(0, 3))):
            kinds = ["rpc", "rpc", "rpc", "global", "route", "view"]
            if self.contexts:
                kinds += ["context", "context"]
            self.function(mod, self.pick(kinds))

    def function(self, mod: _Mod, kind: str) -> None:
        f, d = mod.file, self.draw
        k = self.next()
        name = f"fn{k}"
        scope = self.visible(mod)
        kwargs: list[str] = []
        params: list[tuple[str, Ty]] = []
        context = None
        returns: str
        if kind == "global":
            kwargs.append('context="global"')
            context = "global"
        elif kind == "context":
            context = self.pick(sorted(self.contexts))
            kwargs.append(f'context="{context}"')
            shared = d(st.permutations(sorted(self.contexts[context])))
            shared = shared[:d(st.integers(1, len(shared)))]
            params = [(p, self.contexts[context][p]) for p in shared]
        elif kind == "route":
            converters = d(st.lists(st.sampled_from(sorted(_CONVERTERS)), max_size=2))
            segments = [f"r{k}"]
            for i, conv in enumerate(converters):
                segments.append(f"<{conv}:p{i}>")
                params.append((f"p{i}", _CONVERTERS[conv]))
            kwargs.append(f'route="/{"/".join(segments)}/"')
        else:
            pool = list(_PARAM_NAMES) + [p for c in self.contexts.values() for p in c]
            names = d(st.lists(st.sampled_from(pool), max_size=3, unique=True))
            for p in names:
                shared_type = [c[p] for c in self.contexts.values() if p in c]
                if shared_type and self.flag(0.7):
                    params.append((p, shared_type[0]))
                else:
                    params.append((p, types(d, scope, self.features, 2)))
        if kind in ("route", "view"):
            returns = f.ref(d, "django.http", self.pick(_RESPONSES))
        else:
            returns = self.ann(mod, types(d, scope, self.features, 2))
            if self.flag(0.1):
                returns = "None"
        if kind in ("rpc", "route", "view") and self.flag(0.5):
            targets = self.affects_targets(mod)
            if targets:
                kwargs.append(f"affects={targets}")
        if kind in ("rpc", "context", "global") and self.flag(0.25):
            kwargs.append(self.pick(["websocket=True", "websocket=True", "websocket=False"]))
        if self.flag(0.3):
            kwargs.append(f"auth={self.auth(mod)}")
        if self.flag(0.2):
            kwargs.append(f"rev={d(st.integers(1, 4))}")
        kwargs = d(st.permutations(kwargs))
        deco = self.client_name(f)
        if kwargs:
            head = f"@{deco}({', '.join(kwargs)})"
        else:
            head = f"@{deco}" if self.flag() else f"@{deco}()"
        keyword_only = self.flag(0.1) and bool(params)
        rendered: list[tuple[bool, str]] = []
        for p, ty in params:
            text = f"{p}: {self.ann(mod, ty)}"
            default = default_of(ty, f, d) if kind in ("rpc", "context") and self.flag(0.3) \
                else None
            rendered.append((default is not None, text if default is None
                             else f"{text} = {default}"))
        if keyword_only:
            texts = ["*", *(t for _, t in rendered)]
        else:  # Python wants the parameters without a default first
            texts = [t for has, t in rendered if not has] + [t for has, t in rendered if has]
        request = "request"
        if self.flag(0.2):
            request = f"request: {f.ref(d, 'django.http', 'HttpRequest')}"
        lines = [head, f"def {name}({', '.join([request, *texts])}) -> {returns}:"]
        if self.flag(0.3):
            lines.append(f'    """Function {k}."""')
        lines.append("    raise NotImplementedError")
        f.defined.add(name)
        f.body.append("\n".join(lines) + "\n")
        public = None
        if self.flag(0.9):
            public = self.pick([name, f"grp{k % 3}.{name}", f"pub_{k}"])
        if context is not None and mod.reachable and public is not None:
            self.live_contexts.add(context)
        fn = _Fn(f.module, name, kind, public, context, mod.reachable)
        self.fns.append(fn)
        if public is not None:
            if mod.reachable:
                self.publics.append(public)
            if mod.role == "content" and mod.app and mod.reachable and self.flag(0.3):
                mod.helpers.append(f"register:{name}:{public}")  # registered by clients
            else:
                f.body.append(self.register_call(f, name, public))
                if self.flag(0.1):  # one function under two public names: two IR entries
                    second = f"twice_{k}"
                    f.body.append(self.register_call(f, name, second))
                    if mod.reachable:
                        self.publics.append(second)

    def affects_targets(self, mod: _Mod) -> str | None:
        f, d = mod.file, self.draw
        order = {m.file.module: i for i, m in enumerate(self.mods)}
        here = order[f.module]

        def usable(fn: _Fn) -> bool:
            home = self.mods[order[fn.module]]
            if fn.module != f.module and (order[fn.module] > here or home.role == "clients"):
                return False  # not importable from here without a cycle
            # an unregistered target is refused on both sides (mizan-affects)
            return fn.reachable and fn.public is not None

        objects = [fn for fn in self.fns if usable(fn)]
        names = sorted(self.live_contexts) + self.publics
        choices: list[str] = []
        for _ in range(d(st.integers(1, 3))):
            if objects and (not names or self.flag()):
                fn = self.pick(objects)
                choices.append(f.ref(d, fn.module, fn.name))
            elif names:
                choices.append(f'"{self.pick(names)}"')
        choices = list(dict.fromkeys(choices))
        if not choices:
            return None
        shape = self.pick(["one", "list", "tuple"]) if len(choices) == 1 else \
            self.pick(["list", "tuple"])
        if shape == "one":
            return choices[0]
        if shape == "list":
            return f"[{', '.join(choices)}]"
        return f"({', '.join(choices)},)"

    def auth(self, mod: _Mod) -> str:
        choice = self.pick(["True", '"staff"', '"superuser"', "callable", "callable",
                            "lambda request: True", "False", "None"])
        if choice != "callable":
            return choice
        if mod.helpers and any(not h.startswith("register:") for h in mod.helpers) \
                and self.flag():
            return self.pick([h for h in mod.helpers if not h.startswith("register:")])
        k = self.next()
        name = f"allow{k}"
        mod.file.defined.add(name)
        mod.file.body.append(f"def {name}(request) -> bool:\n    return True\n")
        mod.helpers.append(name)
        return name

    # ---- forms and channels --------------------------------------------

    def forms(self, mod: _Mod) -> None:
        from .form_classes import form

        for _ in range(self.draw(st.integers(1, 2))):
            form(self, mod)

    def channels(self, mod: _Mod) -> None:
        f, d = mod.file, self.draw
        models = [n for n in self.visible(mod) if n.kind == "model"]
        base_of = f.ref(d, "mizan_django.channels", "ReactChannel")
        for _ in range(d(st.integers(1, 2))):
            k = self.next()
            model = f.ref(d, "pydantic", "BaseModel")
            lines: list[str] = []
            base = base_of
            if self.flag(0.3):
                lines += [f"class Room{k}Channel({base_of}, abstract=True):",
                          f"    class Params({model}):", "        room: str", ""]
                base = f"Room{k}Channel"
                f.defined.add(base)
            lines.append(f"class Chat{k}Channel({base}):")
            if self.flag(0.3):
                lines.append(f'    """Channel {k}."""')
            if base == base_of:
                if models and self.flag():
                    lines.append(f"    Params = {f.ref(d, *self._model_ref(models))}")
                else:
                    lines += [f"    class Params({model}):", "        room: str"]
            if models and self.flag():
                lines.append(f"    DjangoMessage = {f.ref(d, *self._model_ref(models))}")
            else:
                lines += [f"    class DjangoMessage({model}):", "        text: str",
                          "        user: str"]
            if self.flag():
                lines += [f"    class ReactMessage({model}):", "        text: str"]
            f.defined.add(f"Chat{k}Channel")
            f.body.append("\n".join(lines) + "\n")

    def _model_ref(self, models: list[Named]) -> tuple[str, str]:
        chosen = self.pick(models)
        return chosen.module, chosen.name

    # ---- the whole project ---------------------------------------------

    def build(self) -> GeneratedProject:
        apps = self.layout()
        self.plan_contexts()
        for mod in self.mods:
            if mod.role == "reexport":
                continue
            if mod.role != "submodule":  # `pkg.kind` is a module only once imported: unnamed
                self.named_types(mod)
            if mod.role == "forms":
                self.forms(mod)
            elif mod.role == "channels":
                self.channels(mod)
            else:
                self.functions(mod)
        self.wire(apps)
        files = {m.file.path: m.file.text() for m in self.mods}
        files.update(self.raw)
        together = len(apps) > 1 and self.flag(0.3)  # one mizan_clients call for both
        for app in apps:
            files.setdefault(f"{app}/__init__.py", f'"""App {app}."""\n')
            files[f"{app}/apps.py"] = self._apps_py(
                (app, *apps[1:]) if together and app == apps[0] else () if together else (app,),
                app)
        for mod in self.mods:  # every package on the way has an __init__
            parts = mod.file.module.split(".")
            for i in range(1, len(parts)):
                files.setdefault("/".join(parts[:i]) + "/__init__.py", "")
        files.update(_site(apps, self.draw))
        return GeneratedProject(files, apps)

    def wire(self, apps: tuple[str, ...]) -> None:
        """What clients imports: every module of its app (and, for the first
        app, every plain package), so that the runtime runs each declaration."""
        for mod in self.mods:
            if mod.role != "clients":
                continue
            f = mod.file
            app = mod.app
            for other in self.mods:
                if other is mod or not other.reachable or other.role == "reexport":
                    continue
                for helper in other.helpers if other.app == app else ():
                    if helper.startswith("register:"):
                        _, fn, public = helper.split(":")
                        target = f.ref(self.draw, other.file.module, fn)
                        f.body.append(self.register_call(f, target, public))
                if other.app == app and other.file.module.endswith(".models"):
                    continue  # Django imports every installed app's models module
                if other.role in ("forms", "channels") and other.app == app \
                        and "autodiscovery" in self.features and self.flag():
                    continue
                if other.file.module.startswith(f.module + "."):
                    continue  # clients.more: imported by its package below
                if other.app == app or (other.app is None and app == apps[0]):
                    # (the first app always has a clients module)
                    f.side_effect_import(other.file.module)
            if f.is_package:
                f.side_effect_import(f"{f.module}.more")

    def _apps_py(self, discovered: tuple[str, ...], app: str) -> str:
        head = ("from django.apps import AppConfig\n\n\n"
                f"class {app.capitalize()}Config(AppConfig):\n"
                f'    name = "{app}"\n')
        if not discovered:
            return head
        how = self.pick([("from mizan_django import mizan_clients", "mizan_clients"),
                         ("from mizan_django.setup import mizan_clients", "mizan_clients"),
                         ("import mizan_django as mz", "mz.mizan_clients")])
        names = ", ".join(f'"{a}"' for a in discovered)
        return (f"{head}\n"
                "    def ready(self) -> None:\n"
                f"        {how[0]}\n\n"
                f"        {how[1]}({names})\n")


def _site(apps: tuple[str, ...], draw: Draw) -> dict[str, str]:
    installed = ", ".join(
        f'"{a}.apps.{a.capitalize()}Config"' if draw(st.booleans()) else f'"{a}"' for a in apps)
    settings = f'''SECRET_KEY = "generated-project"
DEBUG = True
USE_TZ = True
ROOT_URLCONF = "gensite.urls"
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "mizan_django", {installed}]
DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
MIZAN_CACHE_SECRET = "generated-project-cache-secret-0123456789"
MIZAN_MWT_SECRET = "generated-project-mwt-secret-0123456789"
'''
    urls = ('from django.urls import include, path\n\n'
            'urlpatterns = [path("api/mizan/", include("mizan_django.urls"))]\n')
    manage = ('import os\nimport sys\n\n'
              f'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{SETTINGS}")\n'
              'from django.core.management import execute_from_command_line\n\n'
              'execute_from_command_line(sys.argv)\n')
    return {"gensite/__init__.py": "", "gensite/settings.py": settings,
            "gensite/urls.py": urls, "manage.py": manage}


@st.composite
def projects(draw: Draw, features: frozenset[str]) -> GeneratedProject:
    """One random, valid project using only `features` beyond what always works."""
    return _Builder(draw, features).build()
