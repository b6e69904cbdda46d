"""Python annotations -> IR types, the runtime half of the IR's type language.

The static extractor reads the same annotations from source; both must give
the same nodes, so the mapping follows ``mizan_core.ir.types`` exactly:
``Optional``/``Union``/``|`` through ``union()``, enums and pydantic models as
``Ref`` plus a definition named ``module.QualName`` (a parametrised generic
model as ``module.Page[module2.Item]``; a dataclass or a ``TypedDict`` the
same way, with its ``kind``), everything else that cannot cross JSON as
``Unknown`` labelled with the class's ``__qualname__``. Docstrings are the
class's own (``__dict__``), never inherited, because source only shows the
class's own; a dataclass's generated ``__doc__`` (its signature) is no
docstring.
"""

from __future__ import annotations

import collections.abc as cabc
import contextlib
import dataclasses
import datetime as dt
import enum
import inspect
import json
import math
import types
import typing
import uuid
from decimal import Decimal
from typing import Any, TypeGuard

import typing_extensions
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from mizan_core.ir import (
    DictOf,
    EnumDef,
    EnumMember,
    FieldDef,
    JsonScalar,
    ListOf,
    LiteralOf,
    ModelDef,
    Primitive,
    Ref,
    SetOf,
    TupleOf,
    TypeRef,
    Unknown,
    union,
)
from mizan_core.ir.enum_values import is_member_value
from mizan_core.ir.generic_names import generic_names

__all__ = ["TypeCollector", "json_default", "own_doc"]

_PRIMITIVES: dict[object, str] = {
    str: "str", int: "int", float: "float", bool: "bool", type(None): "none", None: "none",
    dt.datetime: "datetime", dt.date: "date", dt.time: "time", dt.timedelta: "timedelta",
    uuid.UUID: "uuid",
    Decimal: "decimal", Any: "any",
}
# typing.List, typing.Sequence... have these as their origin, bare or subscripted
_LISTS = {list, cabc.Sequence, cabc.MutableSequence, cabc.Iterable, cabc.Collection}
_SETS = {set, frozenset, cabc.Set, cabc.MutableSet}
_DICTS = {dict, cabc.Mapping, cabc.MutableMapping}
_ANY = Primitive("any")
# Annotations that say something about a field, not about its JSON.
_WRAPPERS = {typing.Annotated, typing.Required, typing.NotRequired, typing.Final}
_KEY_RULES = {typing.Required: True, typing.NotRequired: False}
_te_is_typeddict = typing_extensions.is_typeddict


def own_doc(obj: object) -> str | None:
    """The object's own docstring, cleaned as ``inspect.cleandoc`` does."""
    raw = obj.__dict__.get("__doc__") if isinstance(obj, type) else getattr(obj, "__doc__", None)
    if isinstance(obj, type) and dataclasses.is_dataclass(obj) and raw == _generated_doc(obj):
        return None
    return inspect.cleandoc(raw) if isinstance(raw, str) and raw else None


def _generated_doc(cls: type) -> str | None:
    # What @dataclass writes into a class that has no docstring of its own.
    try:
        return cls.__name__ + str(inspect.signature(cls)).replace(" -> None", "")
    except (TypeError, ValueError):
        return None


def _json_native(value: object) -> object:
    """``value`` as plain JSON data, or raise ``TypeError`` when it is not JSON-native."""
    if isinstance(value, enum.Enum):
        return _json_native(value.value)
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise TypeError("not finite")
        return value
    if isinstance(value, (list, tuple)):
        return [_json_native(v) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: _json_native(v) for k, v in value.items()}
    raise TypeError(type(value).__name__)


def _literal_value(value: object) -> TypeGuard[JsonScalar]:
    """Whether ``value`` may stand in a ``Literal``: a string, an integer (``bool``
    included) or ``None``; the IR never holds a float."""
    return value is None or isinstance(value, (str, int))


def json_default(value: object) -> str | None:
    """A default's JSON text, or None when the default is not JSON-native."""
    try:
        return json.dumps(_json_native(value), ensure_ascii=False, separators=(",", ":"))
    except TypeError:
        return None


class TypeCollector:
    """Maps annotations to IR types, collecting the models and enums they name."""

    def __init__(self) -> None:
        self.models: dict[str, ModelDef] = {}
        self.enums: dict[str, EnumDef] = {}

    def to_ir(self, tp: Any) -> TypeRef:
        if _hashable(tp) and tp in _PRIMITIVES:
            return Primitive(_PRIMITIVES[tp])
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in _WRAPPERS:
            return self.to_ir(args[0])
        if origin in (typing.Union, types.UnionType):
            return union(*(self.to_ir(a) for a in args))
        if origin is typing.Literal:
            values = tuple(a.value if isinstance(a, enum.Enum) else a for a in args)
            if not all(_literal_value(v) for v in values):
                return Unknown("Literal")  # as the static side reads it
            return LiteralOf(values)
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return self._enum(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            return self._model(tp)
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            return self._record(tp, "dataclass")
        if typing.is_typeddict(tp) or _te_is_typeddict(tp):
            return self._record(tp, "typeddict")
        container = origin if origin is not None else tp
        if _hashable(container):
            if container in _LISTS:
                return ListOf(self.to_ir(args[0]) if args else _ANY)
            if container in _SETS:
                return SetOf(self.to_ir(args[0]) if args else _ANY)
            if container in _DICTS:
                key, value = (args if len(args) == 2 else (Any, Any))
                return DictOf(self.to_ir(key), self.to_ir(value))
            if container is tuple:
                if len(args) == 2 and args[1] is Ellipsis:
                    return TupleOf((self.to_ir(args[0]),), variadic=True)
                if not args:
                    return TupleOf((_ANY,), variadic=True)
                if args == ((),):
                    return TupleOf(())
                return TupleOf(tuple(self.to_ir(a) for a in args))
        return Unknown(_unknown_label(tp))

    def _enum(self, cls: type[enum.Enum]) -> TypeRef:
        name = f"{cls.__module__}.{cls.__qualname__}"
        if name not in self.enums:
            self.enums[name] = EnumDef(
                name=name, module=cls.__module__, qualname=cls.__qualname__,
                members=tuple(EnumMember(m.name, m.value) for m in cls
                              if is_member_value(m.value)),
                doc=own_doc(cls),
            )
        return Ref(name)

    def _model(self, cls: type[BaseModel]) -> TypeRef:
        meta = cls.__pydantic_generic_metadata__
        origin = meta.get("origin") or cls
        module = origin.__module__
        qualname = origin.__qualname__
        if meta.get("args"):
            args = tuple(self.to_ir(a) for a in meta["args"])
            name, qualname = generic_names(module, qualname, args, self._qualname_of)
        else:
            name = f"{module}.{qualname}"
        if name in self.models:
            return Ref(name)
        # Placeholder first: a recursive model refers to itself while its fields are mapped.
        self.models[name] = ModelDef(name, module, qualname, (), own_doc(origin))
        fields = tuple(self._field(cls, n, f) for n, f in cls.model_fields.items())
        self.models[name] = ModelDef(name, module, qualname, fields, own_doc(origin))
        return Ref(name)

    def _qualname_of(self, name: str) -> str:
        found = self.models.get(name) or self.enums.get(name)
        return found.qualname if found is not None else name

    def _record(self, cls: type, kind: str) -> TypeRef:
        """A dataclass or a ``TypedDict``: a model whose fields are its own."""
        name = f"{cls.__module__}.{cls.__qualname__}"
        if name in self.models:
            return Ref(name)
        self.models[name] = ModelDef(name, cls.__module__, cls.__qualname__, (), own_doc(cls), kind)
        try:
            hints = typing.get_type_hints(cls, include_extras=True)
        except Exception:  # noqa: BLE001  (a name that cannot resolve stays its spelling)
            hints = {}
        if kind == "typeddict":
            annotations = getattr(cls, "__annotations__", {})
            required_keys: frozenset[str] = getattr(cls, "__required_keys__", frozenset())
            fields = tuple(self._key(key, hints.get(key, annotations[key]), key in required_keys)
                           for key in annotations)
        elif hasattr(cls, "__pydantic_fields__"):  # a pydantic dataclass: Field(alias=...) counts
            fields = tuple(self._field(cls, n, f) for n, f in cls.__pydantic_fields__.items())
        else:
            fields = tuple(self._dataclass_field(f, hints.get(f.name, f.type))
                           for f in dataclasses.fields(cls))
        self.models[name] = ModelDef(name, cls.__module__, cls.__qualname__, fields, own_doc(cls),
                                     kind)
        return Ref(name)

    def _key(self, key: str, annotation: Any, total: bool) -> FieldDef:
        # `Required[...]`/`NotRequired[...]` decide; else the declaring class's `total=`
        # (which `__required_keys__` holds unless the annotations were postponed strings).
        required = total
        inner = annotation
        while typing.get_origin(inner) in _WRAPPERS:
            required = _KEY_RULES.get(typing.get_origin(inner), required)
            inner = typing.get_args(inner)[0]
        return FieldDef(name=key, type=self.to_ir(inner), required=required)

    def _dataclass_field(self, f: dataclasses.Field[Any], annotation: Any) -> FieldDef:
        missing = dataclasses.MISSING
        has_default = f.default is not missing or f.default_factory is not missing
        default = json_default(f.default) if f.default is not missing else None
        return FieldDef(name=f.name, type=self.to_ir(annotation), required=not has_default,
                        default=default)

    def _field(self, cls: type, name: str, info: Any) -> FieldDef:
        annotation = info.annotation
        if isinstance(annotation, (str, typing.ForwardRef)):
            # A forward reference pydantic has not resolved yet (the model was
            # never rebuilt): resolve it in the class's module, as source would.
            with contextlib.suppress(Exception):  # else it stays unknown, as in source
                annotation = typing.get_type_hints(cls).get(name, annotation)
        required = info.is_required()
        default: str | None = None
        if not required and info.default_factory is None and info.default is not PydanticUndefined:
            default = json_default(info.default)
        return FieldDef(name=name, type=self.to_ir(annotation), required=required,
                        default=default, alias=info.alias if info.alias != name else None)


def _hashable(tp: object) -> bool:
    try:
        hash(tp)
    except TypeError:
        return False
    return True


def _unknown_label(tp: Any) -> str:
    """How ``Unknown`` spells a type: the class's ``__qualname__`` however it
    was imported (the static extractor spells it the same way), else the
    annotation as written."""
    if isinstance(tp, types.ModuleType):
        return tp.__name__.rpartition(".")[2]
    if isinstance(tp, types.FunctionType):
        return tp.__qualname__
    origin = typing.get_origin(tp)
    if not isinstance(tp, type) and isinstance(origin, type):
        return origin.__qualname__
    return _label(tp)


def _label(tp: Any) -> str:
    if isinstance(tp, type):
        return tp.__qualname__  # as it is usually spelled in source
    if isinstance(tp, typing.ForwardRef):
        return tp.__forward_arg__
    if isinstance(tp, str):
        return tp
    return repr(tp).removeprefix("typing.")
