"""The request pipeline: every row of the ``@client`` table and every error status."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.django.conftest import call, get, logged_in
from tests.django.testapp.clients import CALLS

pytestmark = pytest.mark.django_db


def error_of(response: Any) -> dict[str, Any]:
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    return dict(body["error"])


# --- the @client table -------------------------------------------------------------------


def test_plain_rpc_answers_result_and_empty_invalidation(cache_backend: str) -> None:
    response = call(Client(), "echo", {"text": "héllo"})
    assert response.status_code == 200
    assert json.loads(response.content) == {"result": {"message": "héllo"}, "invalidate": []}
    assert response["X-Mizan-Invalidate"] == "[]"
    assert response["Cache-Control"] == "no-store"


def test_dotted_registered_name_is_served() -> None:
    assert json.loads(call(Client(), "tools.echo", {"text": "x"}).content)["result"] == {
        "message": "x"}


def test_global_context_is_fetched_with_get_and_post(cache_backend: str) -> None:
    for response in (get(Client(), "whoami"), call(Client(), "whoami")):
        assert response.status_code == 200
        assert json.loads(response.content)["result"] == {"username": "", "staff": False}


def test_named_context_get_takes_json_query_values(cache_backend: str) -> None:
    response = get(Client(), "cart", "cart_id=7")
    assert json.loads(response.content)["result"]["cart_id"] == 7
    assert response["ETag"].startswith('"')


def test_mutation_reports_scoped_invalidation_in_body_and_header(cache_backend: str) -> None:
    response = call(Client(), "add_item", {"cart_id": 1, "sku": "tea"})
    expected = [{"kind": "context", "target": "cart", "scope": {"cart_id": 1}}]
    assert json.loads(response.content)["invalidate"] == expected
    assert json.loads(response["X-Mizan-Invalidate"]) == expected


def test_affects_function_object_and_list(cache_backend: str) -> None:
    touched = json.loads(call(Client(), "touch_cart", {"cart_id": 3}).content)["invalidate"]
    assert touched == [{"kind": "function", "target": "cart", "scope": {"cart_id": 3}}]
    reset = json.loads(call(Client(), "reset_all").content)["invalidate"]
    assert reset == [{"kind": "context", "target": "cart", "scope": {}},
                     {"kind": "context", "target": "global", "scope": {}}]


def test_websocket_function_is_also_served_over_http() -> None:
    assert json.loads(call(Client(), "ping").content)["result"] == "pong"


def test_call_without_body_means_no_arguments() -> None:
    response = Client().post("/api/mizan/call/ping", b"", content_type="application/json")
    assert response.status_code == 200


def test_typed_arguments_validate_and_serialise_as_pydantic_json_mode() -> None:
    args = {"when": "2024-05-01T12:00:00Z", "price": "9.50", "color": "red", "tags": ["a"],
            "mode": "b", "flag": True}
    result = json.loads(call(Client(), "typed", args).content)["result"]
    assert result == {"when": "2024-05-01T12:00:00Z", "price": "9.50", "color": "red",
                      "tags": ["a"], "mode": "b", "maybe": None, "displayName": "x"}


def test_view_path_passes_response_through_with_invalidation(users: dict[str, Any]) -> None:
    response = logged_in(users["alice"]).post("/api/mizan/receipts/42/void/")
    assert response.status_code == 200 and response.content == b"voided 42"
    assert response["Content-Type"] == "text/plain"
    assert response["Cache-Control"] == "no-store"
    assert json.loads(response["X-Mizan-Invalidate"]) == [
        {"kind": "context", "target": "cart", "scope": {}}]


@pytest.mark.parametrize("path", ["/receipts/42/void/", "/api/mizan/receipts/42/void/"])
@pytest.mark.parametrize("method", ["get", "head"])
def test_a_mutating_route_refuses_a_navigation(
    users: dict[str, Any], path: str, method: str
) -> None:
    # A cross-site link or redirect is a GET that carries the Lax session cookie.
    response = getattr(logged_in(users["alice"]), method)(path)
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert CALLS["void_receipt"] == 0
    assert "X-Mizan-Invalidate" not in response


def test_a_mutating_routes_post_is_csrf_checked(users: dict[str, Any]) -> None:
    browser = logged_in(users["alice"], csrf=True)
    refused = browser.post("/receipts/42/void/")
    assert refused.status_code == 403 and error_of(refused)["code"] == "csrf_failed"
    assert CALLS["void_receipt"] == 0
    browser.get("/receipts/42/")  # a read: the answer offers the csrftoken cookie
    token = browser.cookies["csrftoken"].value
    done = browser.post("/receipts/42/void/", HTTP_X_CSRFTOKEN=token)
    assert done.status_code == 200 and done.content == b"voided 42"
    assert CALLS["void_receipt"] == 1


def test_a_reading_route_still_answers_get_and_head(users: dict[str, Any]) -> None:
    alice = logged_in(users["alice"])
    assert alice.get("/receipts/42/").content == b"receipt 42"
    assert alice.head("/receipts/42/").status_code == 200


def test_view_path_redirect_over_call_endpoint() -> None:
    response = call(Client(), "go_home")
    assert response.status_code == 302 and response["Location"] == "/home/"
    assert response["X-Mizan-Invalidate"] == "[]"


def test_rev_is_part_of_the_cache_identity(cache_backend: str) -> None:
    from tests.django.testapp.clients import versioned

    def fetch() -> int:
        return int(json.loads(get(Client(), "versioned").content)["result"])

    first = fetch()
    assert fetch() == first  # cached under rev=2
    object.__setattr__(versioned.meta, "rev", 3)
    try:
        second = fetch()
        assert second != first and fetch() == second  # rev=3 is its own entry
    finally:
        object.__setattr__(versioned.meta, "rev", 2)
    assert fetch() == first  # and rev=2's value is still there under its own identity


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "why"), [
    (b"{not json", "not valid JSON"),
    (b'{"text": NaN}', "NaN"),
    (b'{"text": Infinity}', "Infinity"),
    (b'{"text": "a", "text": "b"}', "duplicate key"),
    (b'["text"]', "JSON object"),
    (b'{"text": ' + b"[" * 100 + b"]" * 100 + b"}", "deeper"),
    (b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}", "deeper"),
    (b"\xff\xfe", "UTF-8"),
])
def test_bad_json_is_400_invalid_json(body: bytes, why: str) -> None:
    response = call(Client(), "echo", body)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_json" and why in error["message"]


@pytest.mark.parametrize(("name", "args", "field", "kind"), [
    ("echo", {"text": 123}, "text", "string_type"),
    ("cart", {"cart_id": "123"}, "cart_id", "int_type"),
    ("typed", {"when": "2024-01-01T00:00:00Z", "price": "1", "color": "red", "tags": [],
               "mode": "a", "flag": "yes"}, "flag", "bool_type"),
    ("typed", {"when": "2024-01-01T00:00:00Z", "price": "1", "color": "green", "tags": [],
               "mode": "a"}, "color", "enum"),
    ("echo", {"text": "x", "extra": 1}, "extra", "extra_forbidden"),
    ("echo", {}, "text", "missing"),
])
def test_invalid_arguments_name_the_field(name: str, args: Any, field: str, kind: str) -> None:
    response = call(Client(), name, args)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_arguments"
    assert {"field": field, "type": kind} in [
        {"field": d["field"], "type": d["type"]} for d in error["details"]]


def test_context_get_query_values_must_be_json() -> None:
    response = get(Client(), "cart", "cart_id=seven")
    assert response.status_code == 400 and error_of(response)["code"] == "invalid_json"
    response = get(Client(), "cart", 'cart_id="7"')
    assert response.status_code == 400 and error_of(response)["details"][0]["type"] == "int_type"


@pytest.mark.parametrize("query", ["cart_id=1&cart_id=2", "cart_id=1&cart_id=1"])
def test_context_get_refuses_a_query_parameter_given_twice(query: str) -> None:
    response = get(Client(), "cart", query)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_json"
    assert error["message"] == "query parameter 'cart_id' is given twice"
    assert CALLS["cart:1"] == 0 and CALLS["cart:2"] == 0


def test_too_many_query_fields_is_400_as_django_answers(
    settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = get(Client(), "cart", "&".join(f"f{i}=1" for i in range(11)))
    assert response.status_code == 400
    assert error_of(response) == {"code": "bad_request", "details": None,
                                  "message": "the request was refused (TooManyFieldsSent)"}
    assert "Traceback" not in caplog.text
    assert [r.name for r in caplog.records if r.levelname == "ERROR"] == [
        "django.security.TooManyFieldsSent"]  # where Django logs it, not as a crash


def test_a_host_not_allowed_is_400_as_django_answers(settings: Any) -> None:
    # Without CommonMiddleware, the Origin check is the first to read the Host.
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("CommonMiddleware")]
    response = call(Client(), "echo", {"text": "x"}, HTTP_HOST="evil.example",
                    HTTP_ORIGIN="http://evil.example")
    assert response.status_code == 400
    assert error_of(response)["message"] == "the request was refused (DisallowedHost)"


def test_unknown_name_is_404() -> None:
    response = call(Client(), "os.system", {"command": "true"})
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"


@pytest.mark.parametrize("name", ["os/system", "..%2F..%2Fetc%2Fpasswd", "echo/", "a/b/c"])
def test_a_name_with_a_slash_is_a_json_404(name: str) -> None:
    response = Client().post(f"/api/mizan/call/{name}", b"{}", content_type="application/json")
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"


def test_get_of_a_non_context_is_405_with_allow() -> None:
    response = get(Client(), "echo", 'text="x"')
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert error_of(response)["code"] == "method_not_allowed"
    assert Client().put("/api/mizan/call/cart", b"{}").status_code == 405


def test_body_over_the_limit_is_413_before_parsing() -> None:
    body = json.dumps({"text": "x" * (64 * 1024)})
    response = call(Client(), "echo", body)
    assert response.status_code == 413 and error_of(response)["code"] == "payload_too_large"


def test_non_json_post_is_415() -> None:
    response = Client().post("/api/mizan/call/echo", {"text": "x"})  # form-encoded
    assert response.status_code == 415
    assert error_of(response)["code"] == "unsupported_media_type"


def test_crash_is_500_without_internals(caplog: pytest.LogCaptureFixture) -> None:
    response = call(Client(), "explode")
    assert response.status_code == 500
    error = error_of(response)
    assert error["code"] == "internal_error" and error["details"] is None
    assert b"hunter2" not in response.content
    assert "hunter2" in caplog.text  # but the log has it, for the developer


def test_crash_shows_internals_under_debug(settings: Any) -> None:
    settings.DEBUG = True
    error = error_of(call(Client(), "explode"))
    assert error["details"]["exception"] == "ValueError"
    assert "hunter2" in error["details"]["message"]


def test_permission_denied_inside_a_function_is_403() -> None:
    response = call(Client(), "refuse")
    assert response.status_code == 403 and error_of(response)["message"] == "not today"


def test_call_over_socket_serves_websocket_functions_only(users: dict[str, Any]) -> None:
    from django.test import RequestFactory

    from mizan_django.errors import MizanRequestError
    from mizan_django.ws.rpc import call_over_socket

    request = RequestFactory().post("/ws/mizan/rpc")
    request.user = users["alice"]
    assert call_over_socket(request, "ping", b"{}") == (b'"pong"', [])
    with pytest.raises(MizanRequestError) as refused:
        call_over_socket(request, "echo", b'{"text": "x"}')
    assert refused.value.status == 405  # registered, but not websocket=True
