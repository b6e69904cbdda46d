"""Non-finite numbers are refused (``mizan_django._json`` and the argument model of
``mizan_django._plan``): a ``float`` parameter never receives ``inf``, on any transport."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.http import HttpRequest
from django.test import Client, RequestFactory

from mizan_core import client, default_registry, register
from mizan_django.errors import MizanRequestError
from mizan_django.ws.rpc import call_over_socket
from tests.django.conftest import call, get

pytestmark = pytest.mark.django_db

HUGE_INTEGER = "1" + "0" * 400  # a valid JSON integer, infinite as a float


@client(websocket=True)
def half(request: HttpRequest, f: float) -> float:
    return f / 2


@client(context="scale")
def scaled(request: HttpRequest, f: float) -> float:
    return f * 10


@pytest.fixture(autouse=True)
def _registered() -> Iterator[None]:
    register(half, "t_half")
    register(scaled, "t_scaled")
    yield
    default_registry.unregister("t_half")
    default_registry.unregister("t_scaled")


def error_of(response: Any) -> dict[str, Any]:
    assert response.status_code == 400, response.content
    return dict(json.loads(response.content)["error"])


@pytest.mark.parametrize("number", ["1e400", "-1e400", "1.7976931348623159e308"])
def test_a_float_that_overflows_is_refused_like_nan(number: str) -> None:
    error = error_of(call(Client(), "t_half", f'{{"f": {number}}}'))
    assert error["code"] == "invalid_json" and "not a finite number" in error["message"]
    assert error_of(call(Client(), "t_half", '{"f": NaN}'))["code"] == "invalid_json"


def test_an_integer_too_large_for_a_float_parameter_is_invalid_arguments() -> None:
    error = error_of(call(Client(), "t_half", f'{{"f": {HUGE_INTEGER}}}'))
    assert error["code"] == "invalid_arguments"
    assert [(d["field"], d["type"]) for d in error["details"]] == [("f", "finite_number")]


def test_a_context_query_value_that_overflows_is_refused() -> None:
    assert error_of(get(Client(), "t_scaled", "f=1e400"))["code"] == "invalid_json"
    assert error_of(get(Client(), "t_scaled", f"f={HUGE_INTEGER}"))["code"] == "invalid_arguments"


def test_a_websocket_call_that_overflows_is_refused() -> None:
    request = RequestFactory().get("/")
    with pytest.raises(MizanRequestError) as refused:
        call_over_socket(request, "t_half", b'{"f": 1e400}')
    assert refused.value.status == 400 and refused.value.code == "invalid_json"


def test_finite_floats_still_pass() -> None:
    for body, expected in [('{"f": 3}', 1.5), ('{"f": 1e-400}', 0.0), ('{"f": -2.5e300}', -1.25e300)]:
        response = call(Client(), "t_half", body)
        assert response.status_code == 200, response.content
        assert json.loads(response.content)["result"] == expected


def test_a_url_path_value_of_inf_is_refused() -> None:
    from mizan_django._plan import plan_for

    with pytest.raises(MizanRequestError) as refused:
        plan_for("t_half", half).validate_path({"f": "inf"})  # as a <str:f> route would pass it
    assert refused.value.code == "invalid_arguments"
