"""How a parametrised generic model is named: `Page[Item]` in module `mod`
is model `mod.Page[mod.Item]` with qualname `Page[Item]`.

Both sides spell each type argument from its IR type, not from source text
or Python's `repr`, so the static and the runtime IR (and the TypeScript
interface named after the qualname) agree however the argument was written:
`Literal` values as JSON, scalars by their IR name (`time`, `decimal`, `any`),
a model or enum by its full name in the name and its qualname in the qualname.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from .types import (
    DictOf,
    ListOf,
    LiteralOf,
    Primitive,
    Ref,
    SetOf,
    TupleOf,
    TypeRef,
    UnionOf,
    Unknown,
)

__all__ = ["generic_names", "type_label"]


def type_label(t: TypeRef, qualname_of: Callable[[str], str] | None = None) -> str:
    """A type argument's spelling. `qualname_of` maps a model/enum name to its
    qualname (for the qualname spelling); without it refs keep their full name."""
    def lab(x: TypeRef) -> str:
        return type_label(x, qualname_of)
    if isinstance(t, Primitive):
        return t.name
    if isinstance(t, Ref):
        return qualname_of(t.name) if qualname_of is not None else t.name
    if isinstance(t, ListOf):
        return f"list[{lab(t.item)}]"
    if isinstance(t, SetOf):
        return f"set[{lab(t.item)}]"
    if isinstance(t, TupleOf):
        items = ", ".join(lab(i) for i in t.items)
        return f"tuple[{items}, ...]" if t.variadic else f"tuple[{items}]"
    if isinstance(t, DictOf):
        return f"dict[{lab(t.key)}, {lab(t.value)}]"
    if isinstance(t, UnionOf):
        return " | ".join(lab(o) for o in t.options)
    if isinstance(t, LiteralOf):
        return "Literal[" + ", ".join(json.dumps(v) for v in t.values) + "]"
    return t.label if isinstance(t, Unknown) else "?"


def generic_names(module: str, qualname: str, args: tuple[TypeRef, ...],
                  qualname_of: Callable[[str], str]) -> tuple[str, str]:
    """(name, qualname) of generic model `module.qualname` given `args`."""
    full = ", ".join(type_label(a) for a in args)
    short = ", ".join(type_label(a, qualname_of) for a in args)
    return f"{module}.{qualname}[{full}]", f"{qualname}[{short}]"
