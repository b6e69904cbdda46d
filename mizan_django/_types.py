"""Python annotations -> IR types, the runtime half of the IR's type language.

The static extractor reads the same annotations from source; both must give
the same nodes, so the mapping follows ``mizan_core.ir.types`` exactly:
``Optional``/``Union``/``|`` through ``union()``, enums and pydantic models as
``Ref`` plus a definition named ``module.QualName`` (a parametrised generic
model as ``module.Page[module2.Item]``), everything else that cannot cross
JSON as ``Unknown``. Docstrings are the class's own (``__dict__``), never
inherited, because source only shows the class's own.
"""

from __future__ import annotations

import collections.abc as cabc
import contextlib
import datetime as dt
import enum
import inspect
import json
import math
import types
import typing
import uuid
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from mizan_core.ir import (
    DictOf,
    EnumDef,
    EnumMember,
    FieldDef,
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

__all__ = ["TypeCollector", "json_default", "own_doc"]

_PRIMITIVES: dict[object, str] = {
    str: "str", int: "int", float: "float", bool: "bool", type(None): "none", None: "none",
    dt.datetime: "datetime", dt.date: "date", dt.time: "time", uuid.UUID: "uuid",
    Decimal: "decimal", Any: "any",
}
# typing.List, typing.Sequence... have these as their origin, bare or subscripted
_LISTS = {list, cabc.Sequence, cabc.MutableSequence, cabc.Iterable, cabc.Collection}
_SETS = {set, frozenset, cabc.Set, cabc.MutableSet}
_DICTS = {dict, cabc.Mapping, cabc.MutableMapping}
_ANY = Primitive("any")


def own_doc(obj: object) -> str | None:
    """The object's own docstring, cleaned as ``inspect.cleandoc`` does."""
    raw = obj.__dict__.get("__doc__") if isinstance(obj, type) else getattr(obj, "__doc__", None)
    return inspect.cleandoc(raw) if isinstance(raw, str) and raw else None


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
        if origin is typing.Annotated:
            return self.to_ir(args[0])
        if origin in (typing.Union, types.UnionType):
            return union(*(self.to_ir(a) for a in args))
        if origin is typing.Literal:
            return LiteralOf(tuple(_json_native(a) for a in args))  # type: ignore[misc]
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return self._enum(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            return self._model(tp)
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
        return Unknown(_label(tp))

    def _enum(self, cls: type[enum.Enum]) -> TypeRef:
        name = f"{cls.__module__}.{cls.__qualname__}"
        if name not in self.enums:
            self.enums[name] = EnumDef(
                name=name, module=cls.__module__, qualname=cls.__qualname__,
                members=tuple(EnumMember(m.name, _json_native(m.value)) for m in cls),  # type: ignore[arg-type]
                doc=own_doc(cls),
            )
        return Ref(name)

    def _model(self, cls: type[BaseModel]) -> TypeRef:
        meta = cls.__pydantic_generic_metadata__
        origin = meta.get("origin") or cls
        module = origin.__module__
        qualname = origin.__qualname__
        if meta.get("args"):
            qualname += "[" + ", ".join(_short(a) for a in meta["args"]) + "]"
            name = f"{module}.{origin.__qualname__}[" + ", ".join(_long(a) for a in meta["args"]) + "]"
        else:
            name = f"{module}.{qualname}"
        if name in self.models:
            return Ref(name)
        # Placeholder first: a recursive model refers to itself while its fields are mapped.
        self.models[name] = ModelDef(name, module, qualname, (), own_doc(origin))
        fields = tuple(self._field(cls, n, f) for n, f in cls.model_fields.items())
        self.models[name] = ModelDef(name, module, qualname, fields, own_doc(origin))
        return Ref(name)

    def _field(self, cls: type[BaseModel], name: str, info: Any) -> FieldDef:
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


def _short(tp: Any) -> str:
    if isinstance(tp, type) and tp.__module__ != "builtins":
        return tp.__qualname__
    return _label(tp)


def _long(tp: Any) -> str:
    if isinstance(tp, type) and tp.__module__ != "builtins":
        return f"{tp.__module__}.{tp.__qualname__}"
    return _label(tp)


def _label(tp: Any) -> str:
    if isinstance(tp, type):
        return tp.__qualname__  # as it is usually spelled in source
    if isinstance(tp, typing.ForwardRef):
        return tp.__forward_arg__
    if isinstance(tp, str):
        return tp
    return repr(tp).removeprefix("typing.")
