"""What an answer carries besides its result: the JSON content type, the
invalidation list in the body and in ``X-Mizan-Invalidate`` when a scope value
is not ASCII (a header can only carry ASCII: the list is escaped there), a
user's context value marked private, and the arguments of a body something
read before Mizan."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client

from mizan_core import client, default_registry, register
from mizan_django.auth import issue_token
from tests.django.conftest import call, get, logged_in

pytestmark = pytest.mark.django_db

ENTRY = {"kind": "context", "target": "t_aisles", "scope": {"aisle": "café ☕"}}


@client(context="t_aisles")
def aisle_label(request: HttpRequest, aisle: str) -> str:
    return aisle.upper()


@client(affects="t_aisles")
def rename_aisle(request: HttpRequest, aisle: str) -> str:
    return aisle


@client(affects="t_aisles")
def print_aisle(request: HttpRequest, aisle: str) -> HttpResponse:
    return HttpResponse(aisle, content_type="text/plain; charset=utf-8")


@pytest.fixture(autouse=True)
def _registered() -> Iterator[None]:
    register(aisle_label, "t_aisle_label")
    register(rename_aisle, "t_rename_aisle")
    register(print_aisle, "t_print_aisle")
    yield
    for name in ("t_aisle_label", "t_rename_aisle", "t_print_aisle"):
        default_registry.unregister(name)


def test_a_result_is_application_json() -> None:
    for response in (call(Client(), "t_rename_aisle", {"aisle": "a"}),
                     get(Client(), "t_aisle_label", 'aisle="a"')):
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"


def header_entries(value: str) -> list[dict[str, object]]:
    assert value.isascii(), value  # not MIME-encoded by Django, not raw UTF-8
    return list(json.loads(value))


def test_a_non_ascii_scope_is_escaped_in_the_header_only() -> None:
    response = call(Client(), "t_rename_aisle", {"aisle": "café ☕"})
    assert response.status_code == 200
    assert json.loads(response.content) == {"result": "café ☕", "invalidate": [ENTRY]}
    assert header_entries(response["X-Mizan-Invalidate"]) == [ENTRY]


def test_a_view_paths_non_ascii_scope_is_escaped_in_its_header() -> None:
    response = call(Client(), "t_print_aisle", {"aisle": "café ☕"})
    assert response.status_code == 200 and response.content == "café ☕".encode()
    assert header_entries(response["X-Mizan-Invalidate"]) == [ENTRY]


def test_a_users_context_value_is_private_however_the_user_is_known(
    users: dict[str, Any]
) -> None:
    alice = logged_in(users["alice"])
    get(alice, "whoami")  # the first answer also offers the csrftoken cookie
    assert get(alice, "whoami")["Cache-Control"] == "private, no-cache"  # holds it now
    bearer = get(Client(), "whoami", HTTP_AUTHORIZATION=f"Bearer {issue_token(users['bob'])}")
    assert bearer["Cache-Control"] == "private, no-cache"
    assert "csrftoken" not in bearer.cookies


def read_body_first(get_response: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A middleware that reads the body before the view (as a request logger does)."""

    def middleware(request: Any) -> Any:
        assert request.body is not None
        return get_response(request)
    return middleware


def test_a_body_read_before_mizan_still_carries_the_arguments(settings: Any) -> None:
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.read_body_first"]
    response = call(Client(), "t_rename_aisle", {"aisle": "b"})
    assert response.status_code == 200, response.content
    assert json.loads(response.content)["result"] == "b"
