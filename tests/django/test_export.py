"""The runtime IR of the test app: each annotation maps as the IR's type language says."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import NotRequired, Required

import pytest
from pydantic import TypeAdapter, ValidationError
from typing_extensions import TypedDict

from mizan_core.ir import (
    Affect,
    DictOf,
    ListOf,
    LiteralOf,
    Location,
    Primitive,
    Ref,
    TupleOf,
    Unknown,
    optional,
)
from mizan_django.export import runtime_ir


def test_functions_carry_their_client_metadata() -> None:
    ir = runtime_ir()
    add = ir.function("add_item")
    assert add is not None and add.affects == (Affect("cart", "context", ("cart_id",)),)
    touch = ir.function("touch_cart")
    assert touch is not None and touch.affects == (Affect("cart", "function", ("cart_id",)),)
    assert [ir.function(n).auth for n in  # type: ignore[union-attr]
            ("echo", "private_echo", "staff_only", "superuser_only", "vip_only")] == [
        "none", "authenticated", "staff", "superuser", "custom"]
    assert ir.function("versioned").rev == 2  # type: ignore[union-attr]
    assert ir.function("ping").websocket  # type: ignore[union-attr]
    banner = ir.function("cart_banner")
    assert banner is not None and banner.doc and banner.doc.startswith("A member")
    assert ir.function("tools.echo").qualname == "echo"  # type: ignore[union-attr]
    assert ir.context("cart").functions == ("cart", "cart_banner")  # type: ignore[union-attr]


def test_location_is_the_first_decorator_line() -> None:
    import inspect

    from tests.django.testapp import clients

    lines, start = inspect.getsourcelines(clients.echo.func)
    assert lines[0].startswith("@client")
    assert runtime_ir().function("echo").location == Location(  # type: ignore[union-attr]
        "tests/django/testapp/clients.py", start)


def test_parameter_types_and_defaults() -> None:
    typed = runtime_ir().function("typed")
    assert typed is not None
    params = {p.name: p for p in typed.params}
    assert params["when"].type == Primitive("datetime")
    assert params["price"].type == Primitive("decimal")
    assert params["color"].type == Ref("tests.django.testapp.clients.Color")
    assert params["tags"].type == ListOf(Primitive("str"))
    assert params["mode"].type == LiteralOf(("a", "b"))
    assert params["maybe"].type == optional(Primitive("int"))
    assert (params["flag"].required, params["flag"].default) == (False, "false")
    assert "request" not in params


def test_models_and_enums_are_collected_with_aliases() -> None:
    ir = runtime_ir()
    model = ir.model("tests.django.testapp.clients.Typed")
    assert model is not None
    display = next(f for f in model.fields if f.name == "display_name")
    assert display.alias == "displayName" and display.wire_name == "displayName"
    maybe = next(f for f in model.fields if f.name == "maybe")
    assert (maybe.required, maybe.default) == (False, "null")
    enum = ir.enum("tests.django.testapp.clients.Color")
    assert enum is not None and [m.value for m in enum.members] == ["red", "blue"]


def test_view_paths_return_any() -> None:
    receipt = runtime_ir().function("go_home")
    assert receipt is not None and receipt.view_path and receipt.returns == Primitive("any")


def test_type_collector_edge_cases() -> None:
    from typing import Any

    from mizan_django._types import TypeCollector, json_default

    types = TypeCollector()
    assert types.to_ir(tuple[int, ...]) == TupleOf((Primitive("int"),), variadic=True)
    assert types.to_ir(tuple[int, str]) == TupleOf((Primitive("int"), Primitive("str")))
    assert types.to_ir(dict) == DictOf(Primitive("any"), Primitive("any"))
    assert types.to_ir(list) == ListOf(Primitive("any"))
    assert types.to_ir(Any) == Primitive("any")
    assert isinstance(types.to_ir(object), Unknown)
    assert json_default(object()) is None and json_default(float("nan")) is None
    assert json_default({"a": (1, "é")}) == '{"a":[1,"é"]}'


def test_float_and_list_values_are_left_unknown_as_the_static_side_leaves_them() -> None:
    import enum
    from typing import Literal

    from mizan_core.ir import EnumMember
    from mizan_django._types import TypeCollector

    class Rate(enum.Enum):
        LOW = 1
        HALF = 0.5
        PAIR = [1, 2]  # noqa: RUF012  (a list-valued member is the case under test)
        NONE = None
        HIGH = "high"

    types = TypeCollector()
    assert types.to_ir(Literal[1.5, 2]) == Unknown("Literal")
    assert types.to_ir(Literal[Rate.HALF]) == Unknown("Literal")
    assert types.to_ir(Literal[Rate.HIGH, None, True]) == LiteralOf(("high", None, True))  # noqa: PYI061
    ref = types.to_ir(Rate)
    assert types.enums[ref.name].members == (  # type: ignore[union-attr]
        EnumMember("LOW", 1), EnumMember("HIGH", "high"))


def test_dataclasses_typeddicts_and_timedelta_as_pydantic_sends_them() -> None:
    # This module postpones its annotations: the TypedDict's `Required[...]`
    # and `NotRequired[...]` are strings that its own `__required_keys__` misses.
    from mizan_django._types import TypeCollector

    @dataclasses.dataclass
    class Run:
        took: dt.timedelta
        _by: str = "cron"

    class Check(TypedDict, total=False):
        name: Required[str]
        grace: dt.timedelta

    class Strict(Check):
        note: NotRequired[str]

    types = TypeCollector()
    assert types.to_ir(dt.timedelta) == Primitive("timedelta")
    assert TypeAdapter(dt.timedelta).dump_json(dt.timedelta(hours=1)) == b'"PT1H"'
    run = types.models[types.to_ir(Run).name]  # type: ignore[union-attr]
    assert (run.kind, run.doc) == ("dataclass", None)  # @dataclass's generated __doc__ is no docstring
    assert [(f.name, f.required, f.default) for f in run.fields] == [
        ("took", True, None), ("_by", False, '"cron"')]
    assert TypeAdapter(Run).dump_python(Run(dt.timedelta(0)), mode="json") == {"took": "PT0S", "_by": "cron"}
    strict = types.models[types.to_ir(Strict).name]  # type: ignore[union-attr]
    assert strict.kind == "typeddict"
    assert [(f.name, f.required) for f in strict.fields] == [
        ("name", True), ("grace", False), ("note", False)]
    # ...which is what pydantic itself requires and sends
    with pytest.raises(ValidationError, match="name"):
        TypeAdapter(Strict).validate_python({"grace": "PT1S"})
    assert TypeAdapter(Strict).dump_python({"name": "x"}, mode="json") == {"name": "x"}
