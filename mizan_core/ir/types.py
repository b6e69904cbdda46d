"""The type language of the IR: what a value looks like on the JSON wire.

Every node describes the JSON that pydantic (JSON mode) sends, not the Python
class: `datetime`, `timedelta` (an ISO 8601 duration, `"P1DT2H"`), `UUID` and
`Decimal` are distinct primitives only so the TypeScript generator can
document them; all of them cross the wire as strings.

Canonical form matters because two producers (the static extractor and the
runtime exporter) must build byte-identical IRs: build unions with `union()`,
never by hand, so that `Optional[int]`, `int | None` and `Union[int, None]`
all become the same node.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

__all__ = [
    "NONE",
    "PRIMITIVES",
    "DictOf",
    "JsonScalar",
    "ListOf",
    "LiteralOf",
    "Primitive",
    "Ref",
    "SetOf",
    "TupleOf",
    "TypeRef",
    "UnionOf",
    "Unknown",
    "optional",
    "union",
    "walk_refs",
]

PrimitiveName = Literal[
    "str", "int", "float", "bool", "none", "datetime", "date", "time", "timedelta", "uuid",
    "decimal", "any"
]
PRIMITIVES: tuple[str, ...] = (
    "str", "int", "float", "bool", "none", "datetime", "date", "time", "timedelta", "uuid",
    "decimal", "any"
)

JsonScalar: TypeAlias = str | int | bool | None


@dataclass(frozen=True, slots=True)
class Primitive:
    """A JSON scalar. `any` is an explicit `Any` (TypeScript `unknown`, no warning)."""

    name: str

    def __post_init__(self) -> None:
        if self.name not in PRIMITIVES:
            raise ValueError(f"unknown primitive {self.name!r}")


@dataclass(frozen=True, slots=True)
class ListOf:
    item: TypeRef


@dataclass(frozen=True, slots=True)
class SetOf:
    """`set`/`frozenset`: a JSON array whose items are unique."""

    item: TypeRef


@dataclass(frozen=True, slots=True)
class TupleOf:
    """`tuple[A, B]` (fixed) or `tuple[A, ...]` (variadic: one item type)."""

    items: tuple[TypeRef, ...]
    variadic: bool = False


@dataclass(frozen=True, slots=True)
class DictOf:
    key: TypeRef
    value: TypeRef


@dataclass(frozen=True, slots=True)
class UnionOf:
    """Build with `union()`: options are flat, unique, `none` last."""

    options: tuple[TypeRef, ...]


@dataclass(frozen=True, slots=True)
class LiteralOf:
    """`Literal[...]` values, in declaration order."""

    values: tuple[JsonScalar, ...]


@dataclass(frozen=True, slots=True)
class Ref:
    """A named model or enum, by qualified name (`module.QualName`)."""

    name: str


@dataclass(frozen=True, slots=True)
class Unknown:
    """A type that cannot cross JSON or could not be resolved.

    `label` is the class's `__qualname__` when the annotation names a class
    (however it was imported: `td`, `dt.timedelta`), else the annotation's
    source spelling, so that both producers spell it the same way."""

    label: str


TypeRef: TypeAlias = Primitive | ListOf | SetOf | TupleOf | DictOf | UnionOf | LiteralOf | Ref | Unknown

NONE = Primitive("none")
ANY = Primitive("any")


def union(*types: TypeRef) -> TypeRef:
    """The canonical union: flattened, deduplicated, in a fixed order, `none` last.

    The order is not the written one because Python does not keep it:
    `typing` caches generic aliases by equality, and `Union[int, bool]` equals
    `Union[bool, int]`, so after `Iterable[Union[int, bool]]` anywhere in the
    process `Iterable[bool | int]` reads as `int | bool`. Sorting makes the
    source's reading and the running program's agree.

    A single remaining option is returned as itself, so `union(int)` is `int`;
    `any` absorbs every other option (`Optional[Any]` is `any`: it holds
    `null` already). Python keeps `Optional[Any]` as written while pydantic
    substitutes `Any` for a generic model's parameter and drops the `None`, so
    without this rule the two readings of one model would differ.
    """
    flat: list[TypeRef] = []
    for t in types:
        for option in t.options if isinstance(t, UnionOf) else (t,):
            if option not in flat:
                flat.append(option)
    if ANY in flat:
        return ANY
    if NONE in flat:
        flat.remove(NONE)
        flat.append(NONE)
    if not flat:
        raise ValueError("a union needs at least one type")
    if len(flat) == 1:
        return flat[0]
    flat.sort(key=lambda option: (option == NONE, repr(option)))
    return UnionOf(tuple(flat))


def optional(t: TypeRef) -> TypeRef:
    return union(t, NONE)


def walk_refs(t: TypeRef) -> list[str]:
    """Every model/enum name `t` mentions, in first-seen order."""
    out: list[str] = []

    def visit(node: TypeRef) -> None:
        if isinstance(node, Ref):
            if node.name not in out:
                out.append(node.name)
        elif isinstance(node, (ListOf, SetOf)):
            visit(node.item)
        elif isinstance(node, TupleOf):
            for item in node.items:
                visit(item)
        elif isinstance(node, DictOf):
            visit(node.key)
            visit(node.value)
        elif isinstance(node, UnionOf):
            for option in node.options:
                visit(option)

    visit(t)
    return out
