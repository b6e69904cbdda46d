"""A generic model's name and qualname are spelt from its arguments' IR types,
so the static and the runtime IR name `Page[...]` alike."""

from __future__ import annotations

from mizan_core.ir import ListOf, LiteralOf, Primitive, Ref
from mizan_core.ir.generic_names import generic_names

_QUALNAMES = {"shop.enums.Mode": "Mode"}


def test_literal_values_are_spelt_as_json() -> None:
    args = (LiteralOf(("a", "b")),)
    assert generic_names("shop.api", "Page", args, _QUALNAMES.__getitem__) == (
        'shop.api.Page[Literal["a", "b"]]', 'Page[Literal["a", "b"]]')


def test_scalars_are_spelt_by_their_ir_name() -> None:
    args = (Primitive("time"), Primitive("any"))
    assert generic_names("shop.api", "Pair", args, _QUALNAMES.__getitem__) == (
        "shop.api.Pair[time, any]", "Pair[time, any]")


def test_a_ref_is_full_in_the_name_and_its_qualname_in_the_qualname() -> None:
    args = (ListOf(Ref("shop.enums.Mode")),)
    assert generic_names("shop.api", "Page", args, _QUALNAMES.__getitem__) == (
        "shop.api.Page[list[shop.enums.Mode]]", "Page[list[Mode]]")
