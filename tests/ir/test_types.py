from __future__ import annotations

import pytest

from mizan_core.ir import (
    NONE,
    ListOf,
    LiteralOf,
    Primitive,
    Ref,
    UnionOf,
    optional,
    union,
    walk_refs,
)

INT, STR = Primitive("int"), Primitive("str")


def test_optional_spellings_are_one_node() -> None:
    # Optional[int], int | None and Union[None, int] must not differ in the IR.
    assert optional(INT) == union(INT, NONE) == union(NONE, INT) == UnionOf((INT, NONE))


def test_union_flattens_dedupes_and_orders_its_options_whatever_the_spelling() -> None:
    # Python's typing cache can hand back `Union[int, str]` for `str | int`:
    # the IR must not depend on which was written.
    assert union(STR, union(INT, STR), NONE, INT) == union(INT, NONE, STR) == UnionOf((INT, STR, NONE))
    assert union(INT, INT) == INT


def test_any_absorbs_every_other_option() -> None:
    # Optional[Any] as written and pydantic's Any-substituted generic field agree.
    any_ = Primitive("any")
    assert optional(any_) == union(INT, any_, NONE) == any_


def test_unknown_primitive_and_empty_union_are_rejected() -> None:
    with pytest.raises(ValueError):
        Primitive("integer")
    with pytest.raises(ValueError):
        union()


def test_walk_refs_finds_nested_names_once() -> None:
    t = union(ListOf(Ref("a.A")), Ref("b.B"), ListOf(Ref("a.A")), LiteralOf(("x",)))
    assert walk_refs(t) == ["a.A", "b.B"]
