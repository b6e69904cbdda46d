"""The call core (``mizan_django.call``): the transaction decision, under
``ATOMIC_REQUESTS`` as a project turns it on, through Django's test client."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections
from django.http import Http404, HttpRequest
from django.test import Client
from pydantic import BaseModel

from mizan_core import client, default_registry, register
from tests.django.conftest import call, get

pytestmark = pytest.mark.django_db(transaction=True)  # real commits and rollbacks

FAILURES: dict[str, type[Exception]] = {"crash": RuntimeError, "refuse": PermissionDenied}


@client(affects="accounts")
def t_sign_up(request: HttpRequest, username: str, then: str = "") -> int:
    User.objects.create_user(username)
    if then:
        raise FAILURES[then]("after writing")
    return User.objects.count()


@client(context="accounts")
def t_sign_up_read(request: HttpRequest, username: str, then: str = "") -> int:
    """A context that writes (it should not) before failing: a read rolls back too."""
    return t_sign_up.func(request, username, then)


@pytest.fixture(autouse=True)
def atomic_requests(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Django reads ATOMIC_REQUESTS from this dict on every request.
    monkeypatch.setitem(connections.settings["default"], "ATOMIC_REQUESTS", True)
    register(t_sign_up, "t_sign_up")
    register(t_sign_up_read, "t_sign_up_read")
    yield
    default_registry.unregister("t_sign_up")
    default_registry.unregister("t_sign_up_read")


def test_a_call_that_succeeds_commits() -> None:
    response = call(Client(), "t_sign_up", {"username": "ada"})
    assert response.status_code == 200 and json.loads(response.content)["result"] == 1
    assert User.objects.filter(username="ada").exists()


@pytest.mark.parametrize(("then", "status"), [("crash", 500), ("refuse", 403)])
def test_a_call_that_fails_after_writing_does_not_commit(then: str, status: int) -> None:
    response = call(Client(), "t_sign_up", {"username": "ada", "then": then})
    assert response.status_code == status
    assert not User.objects.filter(username="ada").exists()


def test_a_context_read_that_fails_does_not_commit(cache_backend: str) -> None:
    response = get(Client(), "t_sign_up_read", 'username="ada"&then="refuse"')
    assert response.status_code == 403
    assert not User.objects.filter(username="ada").exists()


def test_a_refusal_before_the_call_leaves_the_request_alone(users: dict[str, Any]) -> None:
    # Nothing ran, so nothing is rolled back: the answer is a plain 400.
    response = call(Client(), "t_sign_up", {"username": 7})
    assert response.status_code == 400
    assert User.objects.count() == len(users)


class Point(BaseModel):
    x: int
    y: int = 0


@client
def t_answer(request: HttpRequest, kind: str) -> int:
    User.objects.create_user("wrote-" + kind)
    return {"text": "abc", "number": 7, "digits": "7", "bool": True}[kind]  # type: ignore[return-value]


@client
def t_points(request: HttpRequest) -> list[Point]:
    return ({"x": 1}, Point(x=2, y=3))  # type: ignore[return-value]


@pytest.fixture
def answers() -> Iterator[None]:
    register(t_answer, "t_answer")
    register(t_points, "t_points")
    yield
    default_registry.unregister("t_answer")
    default_registry.unregister("t_points")


def test_a_result_that_does_not_match_its_annotation_is_not_served(
    answers: None, caplog: pytest.LogCaptureFixture
) -> None:
    response = call(Client(), "t_answer", {"kind": "text"})
    assert response.status_code == 500 and b"abc" not in response.content
    assert json.loads(response.content)["error"]["code"] == "internal_error"
    assert "does not match its return annotation" in caplog.text  # the developer is told
    assert not User.objects.filter(username="wrote-text").exists()  # and nothing commits


@pytest.mark.parametrize(("kind", "served"), [("number", 7), ("digits", 7), ("bool", 1)])
def test_a_result_is_served_as_its_annotation_says(answers: None, kind: str, served: int) -> None:
    response = call(Client(), "t_answer", {"kind": kind})
    assert response.status_code == 200 and json.loads(response.content)["result"] == served


def test_a_dict_or_tuple_result_is_served_as_the_annotated_type(answers: None) -> None:
    response = call(Client(), "t_points")
    assert json.loads(response.content)["result"] == [{"x": 1, "y": 0}, {"x": 2, "y": 3}]


def test_without_atomic_requests_a_refusal_leaves_the_callers_transaction_usable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A test (or a view) that holds its own atomic block and calls Mizan: the block
    # is the caller's, not the request's, so a refused call must not doom it.
    from django.db import transaction

    monkeypatch.setitem(connections.settings["default"], "ATOMIC_REQUESTS", False)
    with transaction.atomic():
        response = call(Client(), "t_sign_up", {"username": "ada", "then": "refuse"})
        assert response.status_code == 403
        assert User.objects.filter(username="ada").exists()  # autocommit semantics: kept


def _audited(request: HttpRequest) -> bool:
    User.objects.create_user("audited")  # a rule that records who knocked, then refuses
    return False


@client(auth=_audited)
def t_audited(request: HttpRequest) -> int:
    return 1


def test_a_refusal_before_the_call_keeps_what_the_request_wrote_so_far() -> None:
    # Only a failure once the function has run undoes the request's writes.
    register(t_audited, "t_audited")
    try:
        assert call(Client(), "t_audited").status_code == 401
    finally:
        default_registry.unregister("t_audited")
    assert User.objects.filter(username="audited").exists()


@client
def t_refusing(request: HttpRequest, how: str) -> int:
    raise {"404": Http404("no such order"), "404-bare": Http404(),
           "403-bare": PermissionDenied(),
           "invalid": ValidationError(["too early", "too late"])}[how]


@pytest.mark.parametrize(("how", "status", "code", "message"), [
    ("404", 404, "not_found", "no such order"),
    ("404-bare", 404, "not_found", "not found"),
    ("403-bare", 403, "forbidden", "you may not do this"),
    ("invalid", 400, "invalid_arguments", "the arguments are not valid"),
])
def test_a_refusal_the_function_raises_is_answered_in_its_own_words(
        how: str, status: int, code: str, message: str) -> None:
    register(t_refusing, "t_refusing")
    try:
        response = call(Client(), "t_refusing", {"how": how})
    finally:
        default_registry.unregister("t_refusing")
    error = json.loads(response.content)["error"]
    assert (response.status_code, error["code"], error["message"]) == (status, code, message)
    if how == "invalid":
        assert error["details"] == [
            {"field": "", "message": "too early", "type": "validation_error"},
            {"field": "", "message": "too late", "type": "validation_error"}]


@client
def t_unplannable(request: HttpRequest, value: NotDefinedAnywhere) -> int:  # noqa: F821
    # An annotation that names nothing: the function has no plan to validate with.
    return 1


def test_a_function_without_a_plan_is_a_500_logged_with_its_name(
        caplog: pytest.LogCaptureFixture) -> None:
    register(t_unplannable, "t_unplannable")
    try:
        response = call(Client(), "t_unplannable", {"value": 1})
    finally:
        default_registry.unregister("t_unplannable")
    assert response.status_code == 500
    assert json.loads(response.content)["error"]["code"] == "internal_error"
    failed = [r for r in caplog.records if r.name == "mizan_django.request"]
    assert [r.getMessage() for r in failed] == ["server function 't_unplannable' failed"]
    assert failed[0].exc_info is not None  # with the cause: the annotation that names nothing
    assert "NotDefinedAnywhere" in str(failed[0].exc_info[1])
