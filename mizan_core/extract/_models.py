"""Pydantic models and enums from source -> `ModelDef` / `EnumDef`, and
default values -> JSON text.

Fields follow pydantic's order: inherited fields first (a field redeclared in
a subclass keeps its inherited position), then the class's own annotated
attributes; `ClassVar`s, private `_names` and `model_config` are not fields.
`Field(default=..., alias=..., default_factory=...)` is read; a default is
exported as JSON text only when it is a literal (docs/ir.md says why). The
config's `alias_generator` names the fields without an explicit alias
(`_aliases`).

Generic models (`class Page(BaseModel, Generic[T])` or `class Page[T](BaseModel)`)
are instantiated per use: `Page[Item]` becomes a model named
`mod.Page[mod2.Item]` with qualname `Page[Item]` and `T` replaced everywhere.

Dataclasses and `TypedDict`s are models of their own `kind` (`record`): a
dataclass's fields are every annotated attribute but `ClassVar`, `InitVar`
and `KW_ONLY` (underscored names included, as pydantic sends them), bases
first; a `TypedDict`'s keys are its annotations, bases first, each required
as `Required[...]`/`NotRequired[...]` says, else as its class's `total=`.
"""

from __future__ import annotations

import json
from typing import Protocol

from mizan_core.ir import (
    EnumDef,
    EnumMember,
    FieldDef,
    JsonScalar,
    ModelDef,
    Primitive,
    TypeRef,
)
from mizan_core.ir.enum_values import is_member_value
from mizan_core.ir.generic_names import generic_names

from . import _known as known
from ._aliases import AliasRule, apply_alias_rule, own_alias_rule, yields_to_generator
from ._deps import DepTracker
from ._enum_eval import AUTO, EnumBuildError, Label, member_values
from ._symbols import Symbols, Target
from .facts import ELLIPSIS, CallX, ClassDecl, ConstX, DictX, Expr, ModuleFacts, NameX, SeqX, SubX
from .issue import Issue

__all__ = ["ModelBuilder", "Resolving"]

_NOT_FIELDS = {"model_config"}
_NOT_DATACLASS_FIELDS = frozenset({"dataclasses.InitVar", "dataclasses.KW_ONLY"})
_FIELD_CALLS = known.FIELD_FUNCS | {"dataclasses.field"}
# TypedDict key wrappers: True/False decide the key, None leaves it to `total=`.
_KEY_WRAPPERS: dict[str, bool | None] = {"typing.Required": True, "typing.NotRequired": False,
                                         "typing.Annotated": None, "typing.ReadOnly": None}


class Resolving(Protocol):
    """What the builder asks of the type resolver: a field's type, and what
    kind of class a base is."""

    def resolve(self, expr: Expr, facts: ModuleFacts, issues: list[Issue],
                typevars: dict[str, TypeRef] | None = None) -> TypeRef: ...

    def class_kind(self, target: Target) -> str: ...


class ModelBuilder:
    """Builds every model, record and enum it is asked for once, and keeps it
    (with the modules it was read from, in `tracker`) until `forget`.

    `models`, `enums` and `model_issues` (the issues found inside a model or
    enum, by its name: reported once, at the field) are what it built so far.
    """

    def __init__(self, symbols: Symbols, tracker: DepTracker, types: Resolving) -> None:
        self.symbols = symbols
        self.tracker = tracker
        self.load = tracker.load
        self.types = types
        self.models: dict[str, ModelDef] = {}
        self.enums: dict[str, EnumDef] = {}
        self.model_issues: dict[str, list[Issue]] = {}
        self._building: set[str] = set()  # a model met again inside itself ends there
        self._qualnames: dict[str, str] = {}

    def forget(self, name: str) -> None:
        """Drop the model or enum `name` (a module it was read from changed)."""
        self.models.pop(name, None)
        self.enums.pop(name, None)
        self.model_issues.pop(name, None)

    # --- models -----------------------------------------------------------------

    def model(self, target: Target, args: tuple[TypeRef, ...]) -> str:
        facts = self.load(target.module)
        assert facts is not None
        decl = facts.classes[target.name]
        params = self._type_params(decl, facts)
        name = f"{target.module}.{target.name}"
        qualname = target.name
        if params and args:
            name, qualname = generic_names(target.module, target.name, args, self._qualname_of)
        self._qualnames[name] = qualname
        if name in self.models:
            self.tracker.replay(f"model:{name}")
            return name
        if name in self._building:
            return name
        self._building.add(name)
        issues: list[Issue] = []
        try:
            with self.tracker.recording(f"model:{name}") as deps:
                deps.add(target.module)
                tv = {p: (args[i] if i < len(args) else Primitive("any"))
                      for i, p in enumerate(params)}
                fields, _ = self._fields(decl, facts, tv, set(), set(), issues)
            self.models[name] = ModelDef(name, target.module, qualname, tuple(fields.values()),
                                           decl.doc)
            self.model_issues[name] = issues
        finally:
            self._building.discard(name)
        return name

    def _qualname_of(self, name: str) -> str:
        if name in self._qualnames:
            return self._qualnames[name]
        found = self.models.get(name) or self.enums.get(name)
        return found.qualname if found is not None else name

    def _type_params(self, decl: ClassDecl, facts: ModuleFacts) -> tuple[str, ...]:
        if decl.type_params:
            return decl.type_params
        for base in decl.bases:
            if isinstance(base, SubX) and isinstance(base.base, NameX):
                found = self.symbols.resolve(facts, base.base.dotted)
                if found.kind == "external" and known.canonical(found.name) == "typing.Generic":
                    return tuple(a.dotted for a in base.args if isinstance(a, NameX))
        return ()

    def _fields(self, decl: ClassDecl, facts: ModuleFacts, tv: dict[str, TypeRef],
                seen: set[str], explicit: set[str],
                issues: list[Issue]) -> tuple[dict[str, FieldDef], AliasRule | None]:
        """The fields of `decl` (inherited first) and the alias rule its config
        holds. `explicit` collects the fields whose alias a `Field(alias=...)`
        gives, which no alias generator overrides."""
        key = f"{facts.module}.{decl.qualname}"
        if key in seen:
            return {}, None
        seen.add(key)
        fields: dict[str, FieldDef] = {}
        rule: AliasRule | None = None
        for base in reversed(decl.bases):
            base_name = base.base if isinstance(base, SubX) else base
            if not isinstance(base_name, NameX):
                continue
            target = self.symbols.resolve(facts, base_name.dotted)
            if target.kind != "class" or target.rest or self.types.class_kind(target) != "model":
                continue
            home = self.load(target.module)
            base_decl = home.classes.get(target.name) if home else None
            if home is None or base_decl is None:
                continue
            base_args = tuple(self.types.resolve(a, facts, issues, tv)
                              for a in (base.args if isinstance(base, SubX) else ()))
            params = self._type_params(base_decl, home)
            base_tv = {p: (base_args[i] if i < len(base_args) else Primitive("any"))
                       for i, p in enumerate(params)}
            base_fields, base_rule = self._fields(base_decl, home, base_tv, seen, explicit, issues)
            fields.update(base_fields)
            rule = rule or base_rule  # bases walked last first: the last base's config wins
        for stmt in decl.body:
            if stmt.annotation is None or stmt.name.startswith("_") or stmt.name in _NOT_FIELDS:
                continue
            if self._is_classvar(stmt.annotation, facts):
                continue
            type_ = self.types.resolve(stmt.annotation, facts, issues, tv)
            required, default, alias = True, None, None
            explicit.discard(stmt.name)
            value = stmt.value
            if isinstance(value, CallX) and self._is_field_call(value, facts):
                alias_expr = value.kwarg("alias")
                if isinstance(alias_expr, ConstX) and isinstance(alias_expr.value, str):
                    alias = alias_expr.value if alias_expr.value != stmt.name else None
                    if not yields_to_generator(value):
                        explicit.add(stmt.name)
                required, default = self._call_default(
                    value, value.args[0] if value.args else value.kwarg("default"), facts)
            elif value is not None:
                required, default = False, self.json_default(value, facts)
            fields[stmt.name] = FieldDef(stmt.name, type_, required, default, alias)
        rule = own_alias_rule(decl, facts, self.symbols, self.load) or rule
        problem = apply_alias_rule(rule, decl.qualname, fields, explicit) if rule else None
        if problem is not None and rule is not None:
            issues.append(_issue("mizan-unresolved", problem, rule.module, rule.expr))
        return fields, rule

    def _call_default(self, call: CallX, given: Expr | None,
                      facts: ModuleFacts) -> tuple[bool, str | None]:
        """`Field(...)` / `field(...)` -> (required, the default's JSON text)."""
        if call.kwarg("default_factory") is not None:
            return False, None
        if given is None or (isinstance(given, ConstX) and given.value is ELLIPSIS):
            return True, None
        return False, self.json_default(given, facts)

    def _is_classvar(self, annotation: Expr, facts: ModuleFacts) -> bool:
        head = annotation.base if isinstance(annotation, SubX) else annotation
        if isinstance(head, ConstX) and isinstance(head.value, str):
            return head.value.startswith(("ClassVar", "typing.ClassVar"))
        if not isinstance(head, NameX):
            return False
        found = self.symbols.resolve(facts, head.dotted)
        return found.kind == "external" and known.canonical(found.name) == "typing.ClassVar"

    def _is_field_call(self, call: CallX, facts: ModuleFacts,
                       funcs: frozenset[str] = known.FIELD_FUNCS) -> bool:
        if not isinstance(call.func, NameX):
            return False
        found = self.symbols.resolve(facts, call.func.dotted)
        return found.kind == "external" and found.name in funcs

    # --- dataclasses and TypedDicts ------------------------------------------------

    def record(self, target: Target, kind: str) -> str:
        name = target.key
        if name in self.models:
            self.tracker.replay(f"model:{name}")
            return name
        if name in self._building:
            return name
        facts = self.load(target.module)
        assert facts is not None
        decl = facts.classes[target.name]
        self._building.add(name)
        issues: list[Issue] = []
        try:
            with self.tracker.recording(f"model:{name}") as deps:
                deps.add(target.module)
                fields = self._record_fields(decl, facts, kind, set(), issues)
            self.models[name] = ModelDef(name, target.module, target.name,
                                           tuple(fields.values()), decl.doc, kind)
            self.model_issues[name] = issues
        finally:
            self._building.discard(name)
        return name

    def _record_fields(self, decl: ClassDecl, facts: ModuleFacts, kind: str, seen: set[str],
                       issues: list[Issue]) -> dict[str, FieldDef]:
        key = f"{facts.module}.{decl.qualname}"
        if key in seen:
            return {}
        seen.add(key)
        fields: dict[str, FieldDef] = {}
        for base in decl.bases:  # dataclass fields and TypedDict keys: first base first
            base_name = base.base if isinstance(base, SubX) else base
            if not isinstance(base_name, NameX):
                continue
            target = self.symbols.resolve(facts, base_name.dotted)
            if target.kind != "class" or target.rest or self.types.class_kind(target) != kind:
                continue
            home = self.load(target.module)
            base_decl = home.classes.get(target.name) if home else None
            if home is not None and base_decl is not None:
                for name, f in self._record_fields(base_decl, home, kind, seen, issues).items():
                    fields.setdefault(name, f)
        if kind == "dataclass" and not self._decorated(decl, facts):
            return fields  # an undecorated subclass adds no fields of its own
        total = next((v for k, v in decl.keywords if k == "total"), None)
        total_keys = not (isinstance(total, ConstX) and total.value is False)
        for stmt in decl.body:
            if stmt.annotation is None or self._is_classvar(stmt.annotation, facts):
                continue
            if kind == "typeddict":
                required, annotation = self._key_rule(stmt.annotation, facts, total_keys)
                fields[stmt.name] = FieldDef(stmt.name, self.types.resolve(annotation, facts, issues),
                                             required)
                continue
            if self._external_head(stmt.annotation, facts) in _NOT_DATACLASS_FIELDS:
                continue
            type_ = self.types.resolve(stmt.annotation, facts, issues)
            required, default, alias = True, None, None
            value = stmt.value
            if isinstance(value, CallX) and self._is_field_call(value, facts, _FIELD_CALLS):
                alias_expr = value.kwarg("alias")
                if isinstance(alias_expr, ConstX) and isinstance(alias_expr.value, str) \
                        and alias_expr.value != stmt.name:
                    alias = alias_expr.value
                positional = value.args and self._is_field_call(value, facts)  # pydantic's Field
                required, default = self._call_default(
                    value, value.args[0] if positional else value.kwarg("default"), facts)
            elif value is not None:
                required, default = False, self.json_default(value, facts)
            fields[stmt.name] = FieldDef(stmt.name, type_, required, default, alias)
        return fields

    def _decorated(self, decl: ClassDecl, facts: ModuleFacts) -> bool:
        return any(self._external_head(d.func if isinstance(d, CallX) else d, facts)
                   in known.DATACLASS_DECORATORS for d in decl.decorators)

    def _external_head(self, expr: Expr, facts: ModuleFacts) -> str:
        """The external dotted name `expr` (or `expr[...]`) refers to, else ""."""
        head = expr.base if isinstance(expr, SubX) else expr
        if isinstance(head, ConstX) and isinstance(head.value, str):
            return "dataclasses." + head.value if head.value.startswith(("InitVar", "KW_ONLY")) \
                else ""
        if not isinstance(head, NameX):
            return ""
        found = self.symbols.resolve(facts, head.dotted)
        return known.canonical(found.name) if found.kind == "external" else ""

    def _key_rule(self, annotation: Expr, facts: ModuleFacts, total: bool) -> tuple[bool, Expr]:
        """A TypedDict key's annotation -> (required, the type inside the wrappers)."""
        required = total
        while isinstance(annotation, SubX) and annotation.args:
            head = self._external_head(annotation, facts)
            if head not in _KEY_WRAPPERS:
                break
            rule = _KEY_WRAPPERS[head]
            required = rule if rule is not None else required
            annotation = annotation.args[0]
        return required, annotation

    # --- enums ------------------------------------------------------------------------

    def enum(self, target: Target) -> str:
        name = target.key
        if name in self.enums:
            self.tracker.replay(f"model:{name}")
            return name
        with self.tracker.recording(f"model:{name}") as deps:
            deps.add(target.module)
            return self._enum(name, target)

    def _enum(self, name: str, target: Target) -> str:
        facts = self.load(target.module)
        assert facts is not None
        issues: list[Issue] = []
        decl = facts.classes[target.name]
        declared: list[tuple[str, object]] = []
        sources: dict[str, Expr] = {}
        lost = False  # a member left out before: a later auto() cannot be numbered
        for stmt in decl.body:
            if stmt.annotation is not None or stmt.value is None or stmt.name.startswith("_"):
                continue
            value = self._declared_value(stmt.value, facts)
            if value is None or (lost and value[0] is AUTO):
                lost = True
                issues.append(_issue(
                    "mizan-unresolved", f"enum member `{decl.qualname}.{stmt.name}` has a value "
                    "Mizan cannot read from source; use a string or integer literal.",
                    facts.module, stmt.value))
                continue
            declared.append((stmt.name, value[0]))
            sources[stmt.name] = stmt.value
        members: list[EnumMember] = []
        try:
            built = member_values(self._enum_bases(facts, decl.bases, 0), declared)
        except EnumBuildError as error:
            built = []
            issues.append(_issue("mizan-unresolved", f"enum `{decl.qualname}` cannot be created: "
                                 f"{error}; it has no members.", facts.module, decl.bases[0]
                                 if decl.bases else next(iter(sources.values()))))
        for member, computed in built:
            if is_member_value(computed):
                members.append(EnumMember(member, computed))
            else:
                issues.append(_issue(
                    "mizan-unresolved", f"enum member `{decl.qualname}.{member}` is {computed!r}, "
                    "which is not a string or an integer; it is left out.", facts.module,
                    sources[member]))
        self.enums[name] = EnumDef(name, target.module, target.name, tuple(members), decl.doc)
        self.model_issues[name] = issues
        return name

    def _enum_bases(self, facts: ModuleFacts, bases: tuple[Expr, ...], depth: int) -> list[str]:
        """Canonical names of an enum's bases, through the project enums it derives from."""
        out: list[str] = []
        for base in bases:
            if not isinstance(base, NameX):
                continue
            found = self.symbols.resolve(facts, base.dotted)
            if found.kind == "external":
                out.append(known.canonical(found.name))
            elif found.kind == "class" and not found.rest and depth < 8:
                home = self.load(found.module)
                decl = home.classes.get(found.name) if home else None
                if home is not None and decl is not None:
                    out += self._enum_bases(home, decl.bases, depth + 1)
        return out

    def _declared_value(self, value: Expr, facts: ModuleFacts) -> tuple[object] | None:
        """A member's value as written: a literal, a tuple of them (a choices label may be
        a translation call), `AUTO`; None when the source does not say."""
        if isinstance(value, ConstX) and value.value is not ELLIPSIS \
                and not isinstance(value.value, bytes):
            return (value.value,)
        if isinstance(value, SeqX) and value.kind == "tuple":
            items = [self._declared_value(item, facts) for item in value.items]
            if value.items and self._translation(value.items[-1], facts):
                items[-1] = (Label(),)
            if any(item is None or item[0] is AUTO for item in items):
                return None
            return (tuple(item[0] for item in items if item is not None),)
        if isinstance(value, CallX) and isinstance(value.func, NameX) and not value.args:
            found = self.symbols.resolve(facts, value.func.dotted)
            if found.kind == "external" and found.name == "enum.auto":
                return (AUTO,)
        return None

    def _translation(self, expr: Expr, facts: ModuleFacts) -> bool:
        """`_("Small")`: a label Django's translation functions make."""
        if not isinstance(expr, CallX) or not isinstance(expr.func, NameX):
            return False
        found = self.symbols.resolve(facts, expr.func.dotted)
        return found.kind == "external" and found.name.startswith("django.utils.translation.")

    def enum_member_value(self, expr: Expr, facts: ModuleFacts) -> tuple[JsonScalar] | None:
        """`Color.RED` -> (its value,) when `Color` is an enum under the roots."""
        if not isinstance(expr, NameX):
            return None
        target = self.symbols.resolve(facts, expr.dotted)
        if target.kind != "class" or "." in target.rest or not target.rest:
            return None
        if self.types.class_kind(Target("class", target.module, target.name)) != "enum":
            return None
        enum = self.enums.get(self.enum(Target("class", target.module, target.name)))
        member = next((m for m in enum.members if m.name == target.rest), None) if enum else None
        return None if member is None else (member.value,)

    # --- defaults ---------------------------------------------------------------------

    def json_default(self, expr: Expr, facts: ModuleFacts) -> str | None:
        """The default's JSON text when it is a literal, else None."""
        found = self._literal(expr, facts)
        if found is None:
            return None
        return json.dumps(found[0], ensure_ascii=False, separators=(",", ":"))

    def _literal(self, expr: Expr, facts: ModuleFacts) -> tuple[object] | None:
        if isinstance(expr, ConstX):
            if expr.value is ELLIPSIS or isinstance(expr.value, bytes):
                return None
            return (expr.value,)
        if isinstance(expr, SeqX) and expr.kind in ("list", "tuple"):
            items = [self._literal(i, facts) for i in expr.items]
            found = [i[0] for i in items if i is not None]
            return (found,) if len(found) == len(items) else None
        if isinstance(expr, DictX):
            keys = [self._literal(k, facts) for k in expr.keys]
            values = [self._literal(v, facts) for v in expr.values]
            pairs = [(k[0], v[0]) for k, v in zip(keys, values) if k is not None and v is not None]
            if len(pairs) != len(keys) or any(not isinstance(k, (str, int)) for k, _ in pairs):
                return None
            return (dict(pairs),)
        return self.enum_member_value(expr, facts)


def _issue(code: str, message: str, module: str, expr: Expr) -> Issue:
    return Issue(code, message, module, expr.span)
