"""IR types as JSON Schema 2020-12 (the dialect of OpenAPI 3.1): one `_emit_*` per node kind.

The schemas describe the JSON pydantic sends and accepts: `Decimal`,
`datetime` and `UUID` are strings, a set is an array of unique items, a
fixed tuple an array with `prefixItems`, a `dict` an object with
`additionalProperties`, models and enums `$ref`s into `components/schemas`
(so recursive models are fine).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from mizan_core.ir import (
    DictOf,
    EnumDef,
    ListOf,
    LiteralOf,
    ModelDef,
    Primitive,
    ProjectIR,
    Ref,
    SetOf,
    TupleOf,
    TypeRef,
    UnionOf,
    Unknown,
)

__all__ = ["SchemaNames", "emit_enum", "emit_model", "emit_type", "with_default"]

Schema = dict[str, Any]

# pydantic writes a Decimal as str(value): digits, an optional fraction and exponent
DECIMAL_PATTERN = r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$"

_PRIMITIVES: dict[str, Schema] = {
    "str": {"type": "string"},
    "int": {"type": "integer"},
    "float": {"type": "number"},
    "bool": {"type": "boolean"},
    "none": {"type": "null"},
    "datetime": {"type": "string", "format": "date-time"},
    "date": {"type": "string", "format": "date"},
    "time": {"type": "string", "format": "time"},
    "timedelta": {"type": "string", "format": "duration"},
    "uuid": {"type": "string", "format": "uuid"},
    "decimal": {"type": "string", "pattern": DECIMAL_PATTERN},
    "any": {},
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


class SchemaNames:
    """Component names: a model's or enum's qualname where it is unique in the
    project, else its qualified name (`shop.clients.CartOut`)."""

    def __init__(self, ir: ProjectIR) -> None:
        defs: list[ModelDef | EnumDef] = [*ir.models, *ir.enums]
        counts: dict[str, int] = {}
        for d in defs:
            counts[d.qualname] = counts.get(d.qualname, 0) + 1
        self._names = {d.name: _UNSAFE.sub("_", d.qualname if counts[d.qualname] == 1 else d.name)
                       for d in defs}

    def __call__(self, qualified: str) -> str:
        return self._names.get(qualified, _UNSAFE.sub("_", qualified))

    def ref(self, qualified: str) -> Schema:
        return {"$ref": f"#/components/schemas/{self(qualified)}"}


def _emit_primitive(t: Primitive, names: SchemaNames) -> Schema:
    return dict(_PRIMITIVES[t.name])


def _emit_list(t: ListOf, names: SchemaNames) -> Schema:
    return {"type": "array", "items": emit_type(t.item, names)}


def _emit_set(t: SetOf, names: SchemaNames) -> Schema:
    return {"type": "array", "items": emit_type(t.item, names), "uniqueItems": True}


def _emit_tuple(t: TupleOf, names: SchemaNames) -> Schema:
    if t.variadic:
        return {"type": "array", "items": emit_type(t.items[0], names)}
    if not t.items:  # `tuple[()]`: prefixItems may not be empty
        return {"type": "array", "maxItems": 0}
    return {"type": "array", "prefixItems": [emit_type(i, names) for i in t.items],
            "minItems": len(t.items), "maxItems": len(t.items)}


def _emit_dict(t: DictOf, names: SchemaNames) -> Schema:
    return {"type": "object", "additionalProperties": emit_type(t.value, names)}


def _emit_union(t: UnionOf, names: SchemaNames) -> Schema:
    return {"anyOf": [emit_type(o, names) for o in t.options]}


def _emit_literal(t: LiteralOf, names: SchemaNames) -> Schema:
    return {"enum": list(t.values)}


def _emit_ref(t: Ref, names: SchemaNames) -> Schema:
    return names.ref(t.name)


def _emit_unknown(t: Unknown, names: SchemaNames) -> Schema:
    return {"description": f"not describable as JSON ({t.label})"}


_EMITTERS: dict[type, Callable[[Any, SchemaNames], Schema]] = {
    Primitive: _emit_primitive, ListOf: _emit_list, SetOf: _emit_set, TupleOf: _emit_tuple,
    DictOf: _emit_dict, UnionOf: _emit_union, LiteralOf: _emit_literal, Ref: _emit_ref,
    Unknown: _emit_unknown,
}


def emit_type(t: TypeRef, names: SchemaNames) -> Schema:
    return _EMITTERS[type(t)](t, names)


def with_default(schema: Schema, default: str | None) -> Schema:
    """`default` is the IR's JSON text of the Python default."""
    if default is None:
        return schema
    # beside a $ref too: OpenAPI 3.1 allows siblings of $ref
    return {**schema, "default": json.loads(default)}


def emit_model(m: ModelDef, names: SchemaNames) -> Schema:
    """A model's fields by wire name; a field with a default (or a TypedDict
    key that is not required) may be absent when sent to the server."""
    schema: Schema = {"type": "object", "title": m.qualname}
    if m.doc:
        schema["description"] = m.doc
    schema["properties"] = {f.wire_name: with_default(emit_type(f.type, names), f.default)
                            for f in m.fields}
    required = [f.wire_name for f in m.fields if f.required]
    if required:
        schema["required"] = required
    if m.kind is not None:
        schema["x-mizan-kind"] = m.kind
    return schema


def emit_enum(e: EnumDef, names: SchemaNames) -> Schema:
    schema: Schema = {"title": e.qualname}
    if e.doc:
        schema["description"] = e.doc
    schema["enum"] = [m.value for m in e.members]
    return schema
