"""`mizan ir --format openapi`: a valid OpenAPI 3.1 document of what the runtime serves."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from mizan_core.cli import main
from mizan_core.export import openapi
from mizan_core.ir import (
    Affect,
    DictOf,
    EnumDef,
    EnumMember,
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
    assemble,
    optional,
)

from ._projects import SHOP, load, project_ids, shop_ir

STATUSES = ["400", "401", "403", "404", "405", "413", "415", "500"]


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def validator(doc: dict[str, Any], component: str) -> Draft202012Validator:
    """A JSON Schema validator for one component, its $refs resolved in `doc`."""
    return Draft202012Validator({"$ref": f"#/components/schemas/{component}",
                                 "components": doc["components"]})


@pytest.mark.parametrize("name", project_ids())
def test_every_project_validates_and_has_every_call(name: str) -> None:
    ir = load(name)
    doc = openapi(ir)
    validate(doc)  # raises with the offending pointer
    for fn in ir.functions:
        item = doc["paths"][f"/api/mizan/call/{fn.name}"]
        assert "post" in item
        assert ("get" in item) == (fn.context is not None), fn.name
    for form in ir.forms:
        for call in ("schema", "validate", "submit"):
            assert "post" in doc["paths"][f"/api/mizan/call/{form.name}.{call}"]


def test_the_same_project_gives_the_same_bytes_from_source_and_from_django() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "shopsite.settings"}
    env.pop("PYTHONPATH", None)
    for fmt in ("openapi", "manifest"):
        runtime = subprocess.run([sys.executable, "manage.py", "export_mizan_ir", "--format", fmt],
                                 cwd=SHOP, env=env, capture_output=True, text=True, timeout=120,
                                 check=False)
        assert runtime.returncode == 0, runtime.stderr[-3000:]
        code, static, err = run_cli("ir", "--format", fmt, "--no-cache", str(SHOP))
        assert code == 0, err
        assert static == runtime.stdout, fmt


def test_shop_calls_contexts_errors_and_invalidation() -> None:
    doc = openapi(shop_ir())
    paths = doc["paths"]
    add_item = paths["/api/mizan/call/add_item"]["post"]
    assert add_item["x-mizan-invalidates"] == [
        {"kind": "context", "target": "cart", "scope": ["cart_id"]}]
    body = add_item["requestBody"]["content"]["application/json"]["schema"]
    assert body["required"] == ["cart_id", "sku"]
    assert body["properties"]["quantity"] == {"type": "integer", "default": 1}
    assert body["additionalProperties"] is False
    for status in STATUSES:
        assert add_item["responses"][status]["$ref"].startswith("#/components/responses/")
    envelope = add_item["responses"]["200"]["content"]["application/json"]["schema"]
    assert envelope["properties"]["result"] == {"$ref": "#/components/schemas/CartOut"}

    get_cart = paths["/api/mizan/call/cart"]["get"]
    (param,) = get_cart["parameters"]
    assert param == {"name": "cart_id", "in": "query", "required": True,
                     "content": {"application/json": {"schema": {"type": "integer"}}}}
    assert "304" in get_cart["responses"] and "ETag" in get_cart["responses"]["200"]["headers"]
    assert "get" not in paths["/api/mizan/call/add_item"]

    assert "misconfigured" in doc["components"]["responses"]["InternalError"]["description"]
    # A call that purges may answer before its purge is written, and says so.
    assert "X-Mizan-Purge" in add_item["responses"]["200"]["headers"]
    assert "X-Mizan-Purge" not in get_cart["responses"]["200"]["headers"]
    assert "X-Mizan-Purge" not in paths["/api/mizan/call/cart"]["post"]["responses"]["200"]["headers"]
    assert doc["components"]["headers"]["X-Mizan-Purge"]["schema"] == {"type": "string", "enum": ["pending"]}


def test_security_follows_the_auth_rule() -> None:
    doc = openapi(shop_ir())
    schemes = doc["components"]["securitySchemes"]
    assert schemes["mizanBearer"] == {**schemes["mizanBearer"], "type": "http",
                                      "scheme": "bearer"}
    assert schemes["mizanSession"]["in"] == "cookie"
    assert schemes["mizanCsrf"] == {**schemes["mizanCsrf"], "in": "header",
                                    "name": "X-CSRFToken"}
    echo = doc["paths"]["/api/mizan/call/echo"]["post"]
    assert echo["security"][0] == {}  # anonymous calls are allowed
    checkout = doc["paths"]["/api/mizan/call/checkout"]["post"]
    assert checkout["security"] == [{"mizanSession": [], "mizanCsrf": []}, {"mizanBearer": []}]
    assert checkout["x-mizan-auth"] == "authenticated"
    # a read is not CSRF-checked
    assert doc["paths"]["/api/mizan/call/cart"]["get"]["security"][1] == {"mizanSession": []}


def test_view_paths_are_their_routes() -> None:
    doc = openapi(shop_ir())
    receipt = doc["paths"]["/receipt/{order_id}/"]
    assert set(receipt) == {"get", "post"}
    assert receipt["get"]["parameters"] == [
        {"name": "order_id", "in": "path", "required": True,
         "schema": {"type": "integer", "minimum": 0}}]
    assert "200" not in receipt["get"]["responses"]  # its own response, not the envelope


def test_a_mutating_route_is_post_only() -> None:
    page = Function("page", "app.clients", "page", (), Primitive("str"), context="global")
    bye = Function("bye", "app.clients", "bye", (), Primitive("any"), route="/bye/",
                   view_path=True)
    reset = Function("reset", "app.clients", "reset", (Param("slug", Primitive("str")),),
                     Primitive("any"), route="/reset/<slug:slug>/", view_path=True,
                     affects=(Affect("global", "context"),))
    doc = openapi(assemble([page, bye, reset], [], []))
    validate(doc)
    assert set(doc["paths"]["/reset/{slug}/"]) == {"post"}
    assert doc["paths"]["/reset/{slug}/"]["post"]["parameters"][0]["schema"]["pattern"] == \
        "^[-a-zA-Z0-9_]+$"
    assert set(doc["paths"]["/bye/"]) == {"get", "post"}


def _types_ir() -> ProjectIR:
    node = ModelDef("app.Node", "app", "Node", (
        FieldDef("label", Primitive("str")),
        FieldDef("children", ListOf(Ref("app.Node")), required=False, default="[]"),
        FieldDef("parent", optional(Ref("app.Node")), required=False, default="null"),
        FieldDef("tags", SetOf(Primitive("str")), required=False, default="[]"),
        FieldDef("pair", TupleOf((Primitive("int"), Primitive("str")))),
        FieldDef("weights", DictOf(Primitive("str"), Primitive("decimal"))),
        FieldDef("color", Ref("app.Color")),
        FieldDef("size", LiteralOf(("s", "m"))),
        FieldDef("took", Primitive("timedelta")),
    ))
    point = ModelDef("app.Point", "app", "Point", (FieldDef("x", Primitive("int")),),
                     kind="dataclass")
    opts = ModelDef("app.Opts", "app", "Opts", (
        FieldDef("a", Primitive("int")), FieldDef("b", Primitive("str"), required=False)),
        kind="typeddict")
    color = EnumDef("app.Color", "app", "Color", (EnumMember("RED", "red"),
                                                  EnumMember("BLUE", "blue")))
    fn = Function("tree", "app", "tree", (Param("p", Ref("app.Point")), Param("o", Ref("app.Opts"))),
                  Ref("app.Node"))
    return assemble([fn], [node, point, opts], [color])


def test_types_describe_the_json_pydantic_sends() -> None:
    doc = openapi(_types_ir())
    validate(doc)
    node = validator(doc, "Node")
    good = {"label": "root", "pair": [1, "a"], "weights": {"EUR": "4.50"}, "color": "red",
            "size": "m", "took": "P1DT2H",
            "children": [{"label": "leaf", "pair": [2, "b"], "weights": {}, "color": "blue",
                          "size": "s", "took": "PT1S", "parent": None}]}
    assert not list(node.iter_errors(good))
    bad = [
        {**good, "pair": [1, 2]},  # tuple items are positional
        {**good, "pair": [1, "a", "extra"]},
        {**good, "color": "green"},  # not an enum value
        {**good, "size": "xl"},  # not a Literal value
        {**good, "weights": {"EUR": 4.5}},  # a Decimal is sent as a string
        {**good, "tags": ["a", "a"]},  # a set's items are unique
        {**good, "children": [{"label": 1}]},  # recursion checks the nested model
    ]
    for instance in bad:
        assert list(node.iter_errors(instance)), instance
    assert doc["components"]["schemas"]["Point"]["x-mizan-kind"] == "dataclass"
    opts = validator(doc, "Opts")
    assert not list(opts.iter_errors({"a": 1}))  # a key that is not required may be absent
    assert list(opts.iter_errors({"b": "x"}))


def test_base_option_moves_every_call(capsys: pytest.CaptureFixture[str]) -> None:
    code, text, _ = run_cli("ir", "--format", "openapi", "--base", "/shop/api/", "--no-cache",
                            str(SHOP))
    assert code == 0
    paths = json.loads(text)["paths"]
    assert "/shop/api/call/add_item" in paths and "/api/mizan/call/add_item" not in paths
    assert "/receipt/{order_id}/" in paths  # routes answer from the site root
    code, text, _ = run_cli("ir", "--format", "manifest", "--base", "/", "--no-cache", str(SHOP))
    assert code == 0 and json.loads(text)["mutations"][0]["path"] == "/call/add_item"
    code, text, err = run_cli("ir", "--format", "openapi", "--base", "a b", str(SHOP))
    assert code == 2 and text == ""
    assert "--base 'a b' is not a URL path" in err  # as typed, no slash added
    code, text, err = run_cli("ir", "--format", "openapi", "--base", "http://x/api", str(SHOP))
    assert code == 2 and "--base 'http://x/api' is not a URL path such as /api/mizan" in err


def test_a_form_submit_that_declares_affects_carries_the_extension() -> None:
    from mizan_core.export.openapi import openapi as openapi_document

    from ._projects import load

    doc = openapi_document(load("projects/forms_channels"))
    submit = doc["paths"]["/api/mizan/call/support.feedback.submit"]["post"]
    assert [(i["kind"], i["target"]) for i in submit["x-mizan-invalidates"]] == \
        [("context", "ratings"), ("function", "rating_count")]
    assert "X-Mizan-Purge" in submit["responses"]["200"]["headers"]
    validate = doc["paths"]["/api/mizan/call/support.feedback.validate"]["post"]
    assert "x-mizan-invalidates" not in validate
    assert "X-Mizan-Purge" not in validate["responses"]["200"]["headers"]
