"""What a request must be before anything is called: its method, its content type,
its declared size, as each refusal says it; and the ``csrftoken`` offer's
``Cache-Control``."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.django.conftest import call, get
from tests.django.testapp.clients import CALLS

pytestmark = pytest.mark.django_db

URL = "/api/mizan/call/"


def error_of(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    return dict(json.loads(response.content)["error"])


def test_a_context_answers_head_and_names_its_methods_when_refused() -> None:
    head = Client().head(f"{URL}cart?cart_id=1")
    assert head.status_code == 200 and head.content == b""
    refused = Client().put(f"{URL}cart", b"{}", content_type="application/json")
    assert error_of(refused, 405)["message"] == "PUT is not allowed here"
    assert refused["Allow"] == "GET, HEAD, POST"
    assert error_of(Client().delete(f"{URL}echo"), 405)["message"] == "DELETE is not allowed here"


@pytest.mark.parametrize("content_type", [
    "application/json; charset=utf-8", "Application/JSON;charset=UTF-8; profile=x"])
def test_json_with_parameters_is_json(content_type: str) -> None:
    response = Client().post(f"{URL}echo", b'{"text": "x"}', content_type=content_type)
    assert response.status_code == 200, response.content


def test_a_body_without_a_content_type_is_refused() -> None:
    response = Client().generic("POST", f"{URL}echo", b'{"text": "x"}', content_type="")
    assert error_of(response, 415)["message"] == "send the arguments as application/json"
    assert CALLS["echo"] == 0


def test_another_content_type_is_refused_even_without_a_body() -> None:
    # (the test client drops the type of an empty body: given as the header itself)
    response = Client().generic("POST", f"{URL}ping", b"", CONTENT_TYPE="text/plain")
    assert error_of(response, 415)["code"] == "unsupported_media_type"


def test_a_content_length_that_is_not_a_number_reads_as_no_body() -> None:
    response = Client().generic("POST", f"{URL}ping", b"", content_type="",
                                CONTENT_LENGTH="many")
    assert response.status_code == 200 and json.loads(response.content)["result"] == "pong"


def test_a_body_of_exactly_the_limit_is_taken_and_one_byte_more_is_not(settings: Any) -> None:
    limit = settings.MIZAN_MAX_BODY_BYTES
    frame = len(json.dumps({"text": ""}))
    at_limit = json.dumps({"text": "x" * (limit - frame)})
    assert len(at_limit) == limit
    assert call(Client(), "echo", at_limit).status_code == 200
    over = error_of(call(Client(), "echo", at_limit + " "), 413)
    assert over["message"] == f"the request body is larger than {limit} bytes"


def test_a_project_without_sessions_is_served_and_offered_no_token(settings: Any) -> None:
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE
                           if "sessions" not in m and "auth" not in m]
    response = call(Client(), "echo", {"text": "x"})
    assert response.status_code == 200, response.content
    assert "csrftoken" not in response.cookies


def test_the_first_answer_to_a_browser_is_private_and_keeps_its_own_directives() -> None:
    first = get(Client(), "whoami")  # shared: "no-cache" alone, but it carries the token
    assert "csrftoken" in first.cookies
    assert first["Cache-Control"] == "private, no-cache"
