"""What the call core (``mizan_django.call.execute``, ``Arguments.validate``) decides
for a transport other than HTTP: a websocket frame's size, and a view path's
``HttpResponse``, which only HTTP can answer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from mizan_core import client, default_registry, register
from mizan_django.errors import MizanRequestError
from mizan_django.ws.rpc import call_over_socket

pytestmark = pytest.mark.django_db


@client(websocket=True)
def t_length(request: HttpRequest, text: str) -> int:
    return len(text)


@client(websocket=True)
def t_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<p>a page</p>")


@pytest.fixture(autouse=True)
def functions() -> Iterator[None]:
    register(t_length, "t_length")
    register(t_page, "t_page")
    yield
    default_registry.unregister("t_length")
    default_registry.unregister("t_page")


def frame(name: str, body: bytes) -> Any:
    request = RequestFactory().post("/ws/mizan/rpc")
    request.user = AnonymousUser()
    return call_over_socket(request, name, body)


def body_of(size: int) -> bytes:
    padding = size - len(b'{"text": ""}')
    return json.dumps({"text": "x" * padding}).encode()


def test_a_frame_of_exactly_the_limit_is_taken_and_one_byte_more_is_not(settings: Any) -> None:
    settings.MIZAN_MAX_BODY_BYTES = 100
    result, _ = frame("t_length", body_of(100))
    assert json.loads(result) == 100 - len(b'{"text": ""}')
    with pytest.raises(MizanRequestError) as refused:
        frame("t_length", body_of(101))
    error = refused.value
    assert (error.status, error.code, error.message) == (
        413, "payload_too_large", "the request body is larger than 100 bytes")


def test_an_empty_frame_is_a_call_without_arguments() -> None:
    with pytest.raises(MizanRequestError) as refused:
        frame("t_length", b"  ")
    error = refused.value
    assert (error.status, error.code) == (400, "invalid_arguments")
    assert [d["field"] for d in error.details or []] == ["text"]


def test_a_view_path_over_the_websocket_is_refused_with_what_to_do() -> None:
    with pytest.raises(MizanRequestError) as refused:
        frame("t_page", b"{}")
    error = refused.value
    assert (error.status, error.code, error.message) == (
        400, "view_path", "'t_page' returns an HttpResponse; call it over HTTP")


def test_a_frame_names_what_it_cannot_call_and_why() -> None:
    with pytest.raises(MizanRequestError) as unknown:
        frame("t_nowhere", b"{}")
    assert (unknown.value.status, unknown.value.code, unknown.value.message) == (
        404, "not_found", "no server function is registered as 't_nowhere'")
    with pytest.raises(MizanRequestError) as http_only:
        frame("echo", b'{"text": "x"}')
    assert (http_only.value.status, http_only.value.code, http_only.value.message) == (
        405, "method_not_allowed",
        ("'echo' is not callable over the websocket: declare it with @client(websocket=True), "
         "or call it over HTTP"))


def test_a_frame_is_refused_as_misconfigured_before_it_runs(settings: Any) -> None:
    # A setting changed at runtime: every transport answers as HTTP does.
    settings.MIZAN_PURGE_TIMEOUT = "abc"
    with pytest.raises(MizanRequestError) as refused:
        frame("t_length", b'{"text": "hi"}')
    error = refused.value
    assert (error.status, error.code) == (500, "misconfigured")
    assert "nothing was run" in error.message
