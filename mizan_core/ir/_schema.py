"""How each IR dataclass maps onto a document, read once from its type hints.

Both codecs (KDL and JSON) walk this table, so a field added to the model is
written and read by both without touching them, and the two stay symmetric.
"""

from __future__ import annotations

import dataclasses
import types as _pytypes
import typing
from functools import cache
from typing import Any, Union

from . import model
from . import types as t

__all__ = ["NODE_CLASSES", "TYPE_NODE_NAMES", "FieldSpec", "fields_of"]

# The class whose value becomes the node's first argument instead of a property.
_ARG_FIELD = {
    model.Affect: "target",
    model.Choice: "value",
    model.Location: "file",
}

# Child-node names for fields that hold a tuple of nodes.
_CHILD_NAMES = {
    "functions": "function",
    "contexts": "context",
    "models": "model",
    "enums": "enum",
    "forms": "form",
    "channels": "channel",
    "params": "param",
    "affects": "affect",
    "fields": "field",
    "members": "member",
    "choices": "choice",
}

NODE_CLASSES: dict[str, type] = {
    "function": model.Function,
    "context": model.Context,
    "model": model.ModelDef,
    "enum": model.EnumDef,
    "form": model.Form,
    "channel": model.Channel,
}

TYPE_NODE_NAMES = {
    t.ListOf: "list",
    t.SetOf: "set",
    t.TupleOf: "tuple",
    t.DictOf: "dict",
    t.UnionOf: "union",
    t.LiteralOf: "literal",
    t.Ref: "ref",
    t.Unknown: "unknown",
}

_TYPE_CLASSES = frozenset(typing.get_args(t.TypeRef))


@dataclasses.dataclass(frozen=True)
class FieldSpec:
    """`kind` is one of: arg, prop, type, type?, nodes, node?, strings."""

    name: str
    kind: str
    child: str  # name in KDL: the field's own (`view_path`), singular for `nodes`
    cls: type | None = None  # the element class for nodes / node?
    has_default: bool = False
    scalars: tuple[type, ...] = ()  # for arg/prop: the JSON kinds allowed
    choices: tuple[str, ...] = ()  # for arg/prop typed as a Literal


def _scalar_kinds(options: tuple[Any, ...]) -> tuple[tuple[type, ...], tuple[str, ...]]:
    kinds: list[type] = []
    choices: list[str] = []
    for o in options:
        if typing.get_origin(o) is typing.Literal:
            kinds.append(str)
            choices.extend(typing.get_args(o))
        elif isinstance(o, type):
            kinds.append(o)
    return tuple(dict.fromkeys(kinds)), tuple(choices)


def _union_args(hint: Any) -> tuple[Any, ...]:
    if typing.get_origin(hint) in (Union, _pytypes.UnionType):
        return typing.get_args(hint)
    return (hint,)


def _classify(cls: type, f: dataclasses.Field[Any], hint: Any) -> FieldSpec:
    has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
    options = _union_args(hint)
    optional = type(None) in options
    non_none = tuple(o for o in options if o is not type(None))
    scalars, choices = _scalar_kinds(options)
    if _ARG_FIELD.get(cls, "name") == f.name:
        return FieldSpec(f.name, "arg", "", has_default=has_default,
                         scalars=scalars, choices=choices)
    if set(non_none) <= _TYPE_CLASSES and non_none:
        return FieldSpec(f.name, "type?" if optional else "type", f.name, has_default=has_default)
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        if isinstance(item, type) and dataclasses.is_dataclass(item):
            return FieldSpec(f.name, "nodes", _CHILD_NAMES[f.name], cls=item, has_default=has_default)
        return FieldSpec(f.name, "strings", f.name, has_default=has_default)
    if len(non_none) == 1 and isinstance(element := non_none[0], type) \
            and dataclasses.is_dataclass(element):
        return FieldSpec(f.name, "node?", f.name, cls=element,
                         has_default=has_default)
    return FieldSpec(f.name, "prop", f.name, has_default=has_default,
                     scalars=scalars, choices=choices)


@cache
def fields_of(cls: type) -> tuple[FieldSpec, ...]:
    hints = typing.get_type_hints(cls, vars(model) | vars(t))
    return tuple(_classify(cls, f, hints[f.name]) for f in dataclasses.fields(cls))
