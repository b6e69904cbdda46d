from __future__ import annotations

from mizan_core.ir import (
    Affect,
    FieldDef,
    Function,
    ListOf,
    ModelDef,
    Param,
    Primitive,
    Ref,
    assemble,
)

INT, STR = Primitive("int"), Primitive("str")


def fn(name: str, *params: Param, context: str | None = None, affects: tuple[Affect, ...] = (),
       returns: object = INT) -> Function:
    return Function(name, "shop.clients", name, params, returns, context=context,  # type: ignore[arg-type]
                    affects=affects)


def test_contexts_are_derived_with_the_union_of_their_parameters() -> None:
    project = assemble([
        fn("cart_summary", Param("cart_id", INT), Param("currency", STR, False, '"EUR"'), context="cart"),
        fn("cart", Param("cart_id", INT), context="cart"),
        fn("me", context="global"),
    ])
    cart = project.context("cart")
    assert cart is not None and cart.functions == ("cart", "cart_summary")
    assert [p.name for p in cart.params] == ["cart_id", "currency"]
    assert project.context("global").params == ()  # type: ignore[union-attr]


def test_affects_are_scoped_by_shared_name_and_type_only() -> None:
    project = assemble([
        fn("cart", Param("cart_id", INT), context="cart"),
        fn("add_item", Param("cart_id", INT), Param("sku", STR), affects=(Affect("cart", "context"),)),
        fn("rename", Param("cart_id", STR), affects=(Affect("cart", "context"),)),
        fn("touch", Param("cart_id", INT), affects=(Affect("cart_total", "context"),)),
        fn("cart_total", Param("cart_id", INT)),
    ])
    assert project.function("add_item").affects == (Affect("cart", "context", ("cart_id",)),)  # type: ignore[union-attr]
    # same name, other type: the whole context is invalidated
    assert project.function("rename").affects == (Affect("cart", "context", ()),)  # type: ignore[union-attr]
    # a string that names no context but a registered function resolves to it
    assert project.function("touch").affects == (Affect("cart_total", "function", ("cart_id",)),)  # type: ignore[union-attr]


def test_only_reachable_models_are_kept_and_order_is_stable() -> None:
    models = [
        ModelDef("m.Unused", "m", "Unused", ()),
        ModelDef("m.Out", "m", "Out", (FieldDef("items", ListOf(Ref("m.Item"))),)),
        ModelDef("m.Item", "m", "Item", (FieldDef("self", Ref("m.Item")),)),
    ]
    a = assemble([fn("b", returns=Ref("m.Out")), fn("a")], models)
    b = assemble([fn("a"), fn("b", returns=Ref("m.Out"))], list(reversed(models)))
    assert a == b
    assert [m.name for m in a.models] == ["m.Item", "m.Out"]
    assert [f.name for f in a.functions] == ["a", "b"]
