"""IR types -> TypeScript, per the contract's table."""

from __future__ import annotations

import pytest

from mizan_core.codegen.names import Names
from mizan_core.codegen.types import input_models, ts_type
from mizan_core.ir import (
    NONE,
    DictOf,
    FieldDef,
    Function,
    ListOf,
    LiteralOf,
    ModelDef,
    Param,
    Primitive,
    ProjectIR,
    Ref,
    SetOf,
    TupleOf,
    Unknown,
    optional,
    union,
)

P = Primitive
NAMES = Names(types={"m.Tree": "Tree", "m.Kind": "Kind"}, input_types={"m.Tree": "TreeInput"})


@pytest.mark.parametrize(("ir_type", "ts"), [
    (P("str"), "string"), (P("datetime"), "string"), (P("date"), "string"), (P("time"), "string"),
    (P("timedelta"), "string"), (P("uuid"), "string"), (P("decimal"), "string"), (P("int"), "number"), (P("float"), "number"),
    (P("bool"), "boolean"), (NONE, "null"), (P("any"), "unknown"), (Unknown("Foo"), "unknown"),
    (ListOf(P("int")), "number[]"), (SetOf(P("str")), "string[]"),
    (TupleOf((P("int"), P("str"))), "[number, string]"), (TupleOf((P("int"),), True), "number[]"),
    (DictOf(P("str"), P("bool")), "Record<string, boolean>"),
    (optional(P("int")), "number | null"),
    (ListOf(union(P("int"), P("str"))), "(number | string)[]"),
    (LiteralOf(("a", 1, True, None)), '"a" | 1 | true | null'),
    (Ref("m.Kind"), "Kind"), (Ref("m.Missing"), "unknown"),
])
def test_type_table(ir_type, ts) -> None:
    assert ts_type(ir_type, NAMES) == ts


def test_inputs_use_the_input_variant() -> None:
    assert ts_type(ListOf(Ref("m.Tree")), NAMES, as_input=True) == "TreeInput[]"
    assert ts_type(ListOf(Ref("m.Tree")), NAMES) == "Tree[]"


def test_input_variants_only_where_a_client_sends_a_model_with_defaults() -> None:
    inner = ModelDef("m.Inner", "m", "Inner", (FieldDef("x", P("int"), False, "1"),))
    outer = ModelDef("m.Outer", "m", "Outer", (FieldDef("inner", Ref("m.Inner")),))
    plain = ModelDef("m.Plain", "m", "Plain", (FieldDef("y", P("int")),))
    answer = ModelDef("m.Answer", "m", "Answer", (FieldDef("z", P("int"), False, "0"),))
    fn = Function("f", "m", "f", (Param("o", Ref("m.Outer")), Param("p", Ref("m.Plain"))),
                  Ref("m.Answer"))
    ir = ProjectIR(functions=(fn,), models=(answer, inner, outer, plain))
    assert input_models(ir) == {"m.Inner", "m.Outer"}


def test_a_typeddict_key_that_is_not_required_is_optional_both_ways() -> None:
    from mizan_core.codegen.models import emit_models

    record = ModelDef("m.Check", "m", "Check", (FieldDef("name", P("str")),
                                                FieldDef("grace", P("timedelta"), False)),
                      kind="typeddict")
    data = ModelDef("m.Down", "m", "Down", (FieldDef("n", P("int"), False, "0"),), kind="dataclass")
    fn = Function("f", "m", "f", (Param("c", Ref("m.Check")), Param("d", Ref("m.Down"))),
                  Ref("m.Check"))
    ir = ProjectIR(functions=(fn,), models=(record, data))
    assert input_models(ir) == {"m.Down"}  # the TypedDict has one shape, the dataclass two
    names = Names(types={"m.Check": "Check", "m.Down": "Down"}, input_types={"m.Down": "DownInput"})
    text = emit_models(ir, names)
    assert "export interface Check {\n  name: string;\n  grace?: string;\n}" in text
    assert "export interface Down {\n  n: number;\n}" in text
    assert "export interface DownInput {\n  /** Default: `0`. */\n  n?: number;\n}" in text
