"""Annotation -> IR `TypeRef`, resolved across the project from source only.

The rules (docs/ir.md "Extraction rules" repeats them for users):

- builtins, `datetime`/`date`/`time`, `UUID`, `Decimal`, `Any` are primitives;
  `typing`, `typing_extensions` and `collections.abc` spellings are the same
  thing (`List[int]` is `list[int]`); bare `list`/`dict`/`set`/`tuple` hold `any`;
- `Optional`/`Union`/`|` go through `ir.union()`; `Annotated[T, ...]` is `T`;
  `Literal[...]` keeps its values (enum members become their values);
- a class under the roots that derives from pydantic's `BaseModel`, a
  `@dataclass` or a `TypedDict` becomes a `Ref` plus a `ModelDef` (see
  `_models`), an `Enum` subclass a `Ref` plus an `EnumDef`; generic models
  are instantiated (`Page[Item]`); `timedelta` is a primitive;
- type aliases (`X = int`, `X: TypeAlias = ...`, `type X = ...`) and string
  annotations are followed;
- anything else becomes `Unknown(<label>)` with an `Issue`, the label being
  the class's qualname when the annotation names one however it was imported
  (`td` and `dt.timedelta` are both `timedelta`, as the runtime spells them),
  else the source spelling:
  `mizan-unresolved` (warning) when the source does not say what it is,
  `mizan-unserializable` (error) when it certainly cannot cross JSON (a Django
  model, `HttpRequest`, a plain class, a callable, bytes).
"""

from __future__ import annotations

from collections.abc import Callable

from mizan_core.ir import (
    NONE,
    DictOf,
    JsonScalar,
    ListOf,
    LiteralOf,
    Primitive,
    Ref,
    SetOf,
    TupleOf,
    TypeRef,
    Unknown,
    union,
)
from mizan_core.rules.catalogue import UNRESOLVED, UNSERIALIZABLE
from mizan_core.rules.sites import Span

from . import _known as known
from ._deps import DepTracker
from ._models import ModelBuilder
from ._symbols import Symbols, Target
from .facts import ELLIPSIS, CallX, ConstX, Expr, ModuleFacts, NameX, OrX, SeqX, SubX
from .issue import Issue

__all__ = ["Issue", "TypeResolver"]


def parse_annotation(text: str, span: Span) -> Expr | None:
    from .module import parse_annotation as parse  # libcst only for string annotations

    return parse(text, span)

ANY = Primitive("any")
TypeVars = dict[str, TypeRef]


class TypeResolver:
    """Resolves annotations; the models and enums it meets are built by its
    `builder`, which keeps them until a module they were read from changes."""

    def __init__(self, symbols: Symbols, tracker: DepTracker) -> None:
        self.symbols = symbols
        self.tracker = tracker
        self.load = tracker.load
        self._kinds: dict[str, str] = {}
        self.builder = ModelBuilder(symbols, tracker, self)

    def forget(self, module: str) -> None:
        """Drop everything read from `module` (it changed)."""
        for key in self.tracker.forget(module):
            kind, _, name = key.partition(":")
            if kind == "kind":
                self._kinds.pop(name, None)
            else:
                self.builder.forget(name)

    # --- entry points ---------------------------------------------------------------

    def resolve(self, expr: Expr, facts: ModuleFacts, issues: list[Issue],
                typevars: TypeVars | None = None) -> TypeRef:
        return self._resolve(expr, facts, issues, typevars or {}, 0)

    def is_response(self, expr: Expr, facts: ModuleFacts) -> bool:
        """True when `expr` names `HttpResponse` or any `HttpResponseBase` subclass."""
        if isinstance(expr, ConstX) and isinstance(expr.value, str):
            parsed = parse_annotation(expr.value, expr.span)
            return parsed is not None and self.is_response(parsed, facts)
        if not isinstance(expr, NameX):
            return False
        target = self.symbols.resolve(facts, expr.dotted)
        return self.class_kind(target) == "response"

    def class_kind(self, target: Target) -> str:
        """"model", "dataclass", "typeddict", "enum", "response", "form", "channel",
        "class" or "external"/"unbound"."""
        if target.kind == "external":
            name = known.canonical(target.name)
            if known.is_response(name):
                return "response"
            if name in known.MODEL_BASES:
                return "model"
            if name in known.ENUM_BASES:
                return "enum"
            if name in known.FORM_MIXINS:
                return "form"
            if name in known.CHANNEL_BASES:
                return "channel"
            if name in known.TYPEDDICT_BASES:
                return "typeddict"
            return "external"
        if target.kind != "class" or target.rest:
            return target.kind
        key = target.key
        if key in self._kinds:
            self.tracker.replay(f"kind:{key}")
            return self._kinds[key]
        self._kinds[key] = "class"  # a cycle in bases ends here
        with self.tracker.recording(f"kind:{key}"):
            self._kinds[key] = self._classify(target)
        return self._kinds[key]

    def _classify(self, target: Target) -> str:
        facts = self.load(target.module)
        decl = facts.classes.get(target.name) if facts else None
        if decl is None or facts is None:
            return "class"
        kinds = set()
        for base in decl.bases:
            base_expr = base.base if isinstance(base, SubX) else base
            if isinstance(base_expr, NameX):
                kinds.add(self.class_kind(self.symbols.resolve(facts, base_expr.dotted)))
        for decorator in decl.decorators:
            head = decorator.func if isinstance(decorator, CallX) else decorator
            if isinstance(head, NameX):
                found = self.symbols.resolve(facts, head.dotted)
                if found.kind == "external" and found.name in known.DATACLASS_DECORATORS:
                    kinds.add("dataclass")
        for kind in ("form", "channel", "model", "enum", "response", "typeddict", "dataclass"):
            if kind in kinds:
                return kind
        return "class"

    # --- the walk ---------------------------------------------------------------------

    def _resolve(self, expr: Expr, facts: ModuleFacts, issues: list[Issue], tv: TypeVars,
                 depth: int) -> TypeRef:
        if depth > 40:
            return self._unresolved(expr, facts, issues, "is nested too deeply to read")
        if isinstance(expr, ConstX):
            if expr.value is None:
                return NONE
            if isinstance(expr.value, str):
                parsed = parse_annotation(expr.value, expr.span)
                if parsed is None:
                    return self._unresolved(expr, facts, issues, "is not a valid annotation")
                return self._resolve(parsed, facts, issues, tv, depth + 1)
        if isinstance(expr, OrX):
            return union(self._resolve(expr.left, facts, issues, tv, depth + 1),
                         self._resolve(expr.right, facts, issues, tv, depth + 1))
        if isinstance(expr, NameX):
            if expr.dotted in tv:
                return tv[expr.dotted]
            return self._named(expr, self.symbols.resolve(facts, expr.dotted), (), facts, issues,
                               tv, depth)
        if isinstance(expr, SubX) and isinstance(expr.base, NameX):
            target = self.symbols.resolve(facts, expr.base.dotted)
            return self._named(expr, target, expr.args, facts, issues, tv, depth)
        return self._unresolved(expr, facts, issues, "is not a type Mizan can read")

    def _named(self, expr: Expr, target: Target, args: tuple[Expr, ...], facts: ModuleFacts,
               issues: list[Issue], tv: TypeVars, depth: int) -> TypeRef:
        sub: Callable[[Expr], TypeRef] = lambda e: self._resolve(e, facts, issues, tv, depth + 1)
        if target.kind == "external":
            return self._external(expr, known.canonical(target.name), args, sub, facts, issues)
        if target.kind == "assign":
            return self._alias(expr, target, args, facts, issues, depth)
        if target.kind == "class":
            kind = self.class_kind(target)
            if kind == "model":
                resolved = tuple(sub(a) for a in args)
                return Ref(self.builder.model(target, resolved))
            if kind == "enum":
                return Ref(self.builder.enum(target))
            if kind in ("dataclass", "typeddict"):
                return Ref(self.builder.record(target, kind))
            what = {"response": "an HttpResponse (only a route function's return may be one)",
                    "form": "a form class", "channel": "a channel class"}.get(
                kind, "a class that is not a pydantic BaseModel or an Enum")
            return self._unserializable(expr, facts, issues,
                                        f"is {what}; use a pydantic model or a JSON type",
                                        target.name)
        if target.kind == "function":
            return self._unserializable(expr, facts, issues, "is a function, not a type",
                                        target.name)
        label = target.name.rpartition(".")[2] if target.kind == "module" else None
        if target.kind == "module" and self.symbols.order_dependent(target.module):
            package = target.module.rpartition(".")[0]
            return self._unresolved(
                expr, facts, issues, f"names the submodule `{target.module}`, and package "
                f"`{package}` binds `{label}` itself: importing the submodule rebinds it, so "
                "which one it is depends on import order; rename one of them", label)
        return self._unresolved(expr, facts, issues, "is not defined under the source roots or "
                                "imported from a module Mizan knows", label)

    def _external(self, expr: Expr, name: str, args: tuple[Expr, ...],
                  sub: Callable[[Expr], TypeRef], facts: ModuleFacts,
                  issues: list[Issue]) -> TypeRef:
        if name in known.PRIMITIVES and not args:
            return Primitive(known.PRIMITIVES[name])
        if name == "builtins.None":
            return NONE
        if name in known.LISTS:
            return ListOf(sub(args[0]) if args else ANY)
        if name in known.SETS:
            return SetOf(sub(args[0]) if args else ANY)
        if name in known.DICTS:
            return DictOf(sub(args[0]), sub(args[1])) if len(args) == 2 else DictOf(ANY, ANY)
        if name in known.TUPLES:
            if not args:
                return TupleOf((ANY,), variadic=True)
            if len(args) == 2 and isinstance(args[1], ConstX) and args[1].value is ELLIPSIS:
                return TupleOf((sub(args[0]),), variadic=True)
            if len(args) == 1 and isinstance(args[0], SeqX) and not args[0].items:
                return TupleOf(())
            return TupleOf(tuple(sub(a) for a in args))
        if name == "typing.Optional" and len(args) == 1:
            return union(sub(args[0]), NONE)
        if name == "typing.Union" and args:
            return union(*(sub(a) for a in args))
        if name == "typing.Annotated" and args:
            return sub(args[0])
        if name == "typing.Literal" and args:
            return self._literal(expr, args, facts, issues)
        if name in ("typing.Final", "typing.Required", "typing.NotRequired") and args:
            return sub(args[0])
        label = name.rpartition(".")[2]
        if known.is_response(name) or name.startswith("django."):
            return self._unserializable(expr, facts, issues,
                                        "is a Django object that cannot cross JSON", label)
        if name in ("builtins.bytes", "builtins.object", "builtins.type", "typing.Callable",
                    "collections.abc.Callable", "typing.Type"):
            return self._unserializable(expr, facts, issues, "cannot cross JSON", label)
        return self._unresolved(expr, facts, issues,
                                f"comes from `{name}`, outside the source roots", label)

    def _literal(self, expr: Expr, args: tuple[Expr, ...], facts: ModuleFacts,
                 issues: list[Issue]) -> TypeRef:
        values: list[JsonScalar] = []
        for arg in args:
            if isinstance(arg, ConstX) and (arg.value is None or isinstance(arg.value, (str, int))):
                values.append(arg.value)
                continue
            member = self.builder.enum_member_value(arg, facts)
            if member is not None:
                values.append(member[0])
                continue
            if isinstance(arg, SubX):
                inner = self._resolve(arg, facts, issues, {}, 0)
                if isinstance(inner, LiteralOf):
                    values.extend(inner.values)
                    continue
            # Labelled by the form's name, not its spelling: the runtime sees only the values.
            return self._unresolved(expr, facts, issues, "has a value Mizan cannot read", "Literal")
        return LiteralOf(tuple(values))

    def _alias(self, expr: Expr, target: Target, args: tuple[Expr, ...], facts: ModuleFacts,
               issues: list[Issue], depth: int) -> TypeRef:
        home = self.load(target.module)
        stmt = home.assigns.get(target.name) if home else None
        if home is None or stmt is None or stmt.value is None or target.rest:
            return self._unresolved(expr, facts, issues, "is not a type Mizan can read")
        if args:
            return self._unresolved(expr, facts, issues, "is a generic alias Mizan cannot read")
        # Issues inside the alias are reported where the alias is used.
        found: list[Issue] = []
        result = self._resolve(stmt.value, home, found, {}, depth + 1)
        if found:
            self._unresolved(expr, facts, issues, "is an alias of a type Mizan cannot read")
        # The alias itself stays transparent: the runtime only ever sees what it stands for
        # (`A = list[Literal[1.5]]` is `list[unknown "Literal"]` there, never `unknown "A"`).
        return result

    def _unresolved(self, expr: Expr, facts: ModuleFacts, issues: list[Issue],
                    why: str, label: str | None = None) -> TypeRef:
        issues.append(Issue(UNRESOLVED, f"type `{expr.text}` {why}; it becomes `unknown` "
                            "in TypeScript. Use a pydantic model, an Enum or a JSON type.",
                            facts.module, expr.span))
        return Unknown(expr.text if label is None else label)

    def _unserializable(self, expr: Expr, facts: ModuleFacts, issues: list[Issue],
                        why: str, label: str | None = None) -> TypeRef:
        issues.append(Issue(UNSERIALIZABLE, f"`{expr.text}` {why}.", facts.module, expr.span))
        return Unknown(expr.text if label is None else label)
