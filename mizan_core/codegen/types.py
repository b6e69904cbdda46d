"""IR types -> TypeScript types: what pydantic's JSON actually looks like.

The mapping (docs/typescript.md, the type table):
`str datetime date time timedelta uuid decimal` -> `string`; `int float` -> `number`;
`bool` -> `boolean`; `none` -> `null`; list/set -> `T[]`; `tuple[A, B]` ->
`[A, B]` (variadic -> `A[]`); `dict` -> `Record<string, T>`; unions -> `A | B`;
`Literal` -> a union of its values; an enum -> the alias of the union of its
values (so a plain `"published"` is accepted); a model -> its interface;
`unknown`/`any` -> `unknown`.

Direction matters for models only: a response field is always present
(pydantic sends defaults), but a field with a default may be left out of a
value the client sends. A model reachable from an argument, a channel's
params or its client message therefore gets an `...Input` variant whenever
that makes a difference (it has a defaulted field, or contains such a model;
a `TypedDict` has the same optional keys both ways).
"""

from __future__ import annotations

import json

from mizan_core.ir import (
    DictOf,
    JsonScalar,
    ListOf,
    LiteralOf,
    Primitive,
    ProjectIR,
    Ref,
    SetOf,
    TupleOf,
    TypeRef,
    UnionOf,
    Unknown,
    walk_refs,
)

from .names import Names

__all__ = ["input_models", "literal", "property_key", "ts_type"]

_PRIMITIVES = {
    "str": "string", "datetime": "string", "date": "string", "time": "string",
    "timedelta": "string", "uuid": "string",
    "decimal": "string", "int": "number", "float": "number", "bool": "boolean", "none": "null",
    "any": "unknown",
}


def literal(value: JsonScalar) -> str:
    """A JSON scalar as a TypeScript literal (JSON string escapes are valid TS)."""
    return json.dumps(value, ensure_ascii=False)


def property_key(name: str) -> str:
    """A property name as written in an interface: quoted unless an identifier."""
    if name.isidentifier() and name.isascii():
        return name
    return literal(name)


def _wrap_for_array(ts: str, t: TypeRef) -> str:
    needs_parens = isinstance(t, UnionOf) or (isinstance(t, LiteralOf) and len(t.values) > 1)
    return f"({ts})[]" if needs_parens else f"{ts}[]"


def ts_type(t: TypeRef, names: Names, as_input: bool = False) -> str:
    """The TypeScript spelling of `t`; `as_input` picks models' `...Input` variants."""
    if isinstance(t, Primitive):
        return _PRIMITIVES[t.name]
    if isinstance(t, (ListOf, SetOf)):
        return _wrap_for_array(ts_type(t.item, names, as_input), t.item)
    if isinstance(t, TupleOf):
        if t.variadic:
            item = t.items[0] if t.items else Primitive("any")
            return _wrap_for_array(ts_type(item, names, as_input), item)
        return "[" + ", ".join(ts_type(i, names, as_input) for i in t.items) + "]"
    if isinstance(t, DictOf):
        return f"Record<string, {ts_type(t.value, names, as_input)}>"
    if isinstance(t, UnionOf):
        return " | ".join(ts_type(o, names, as_input) for o in t.options)
    if isinstance(t, LiteralOf):
        return " | ".join(literal(v) for v in t.values) if t.values else "never"
    if isinstance(t, Ref):
        if t.name in names.types:
            return names.type_name(t.name, as_input)
        return "unknown"  # a dangling reference: the checker reports it
    if isinstance(t, Unknown):
        return "unknown"
    raise TypeError(f"not an IR type: {t!r}")


def input_models(ir: ProjectIR) -> set[str]:
    """Models a client sends whose input shape differs from their response shape."""
    models = {m.name: m for m in ir.models}
    roots: list[TypeRef] = [p.type for f in ir.functions for p in f.params]
    roots += [c.params for c in ir.channels]
    roots += [c.client_message for c in ir.channels if c.client_message is not None]
    reachable: set[str] = set()
    stack = [n for t in roots for n in walk_refs(t)]
    while stack:
        name = stack.pop()
        if name in reachable or name not in models:
            continue
        reachable.add(name)
        stack.extend(n for f in models[name].fields for n in walk_refs(f.type))
    differs = {n for n in reachable if models[n].kind != "typeddict"
               and any(not f.required for f in models[n].fields)}
    changed = True
    while changed:  # a model containing a differing model differs too
        changed = False
        for n in reachable - differs:
            if any(r in differs for f in models[n].fields for r in walk_refs(f.type)):
                differs.add(n)
                changed = True
    return differs
