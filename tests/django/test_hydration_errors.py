"""SSR hydration (``mizan_django.hydration``) when a global context refuses the request:
the page still renders, without that entry, and the page's transaction is not touched."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, transaction
from django.http import Http404, HttpRequest
from django.template import Context, Template
from django.test import Client, RequestFactory

from mizan_core import client, default_registry, register

REFUSALS: dict[str, Exception] = {
    "PermissionDenied": PermissionDenied("staff only"),
    "Http404": Http404("no such shop"),
    "ValidationError": ValidationError("bad tenant"),
}
refusal: list[Exception] = []  # what ``guarded`` raises in this test
writes: list[str] = []  # users ``guarded`` creates before it raises


@client(context="global")
def guarded(request: HttpRequest) -> str:
    for username in writes:
        User.objects.create_user(username)
    raise refusal[0]


@pytest.fixture(autouse=True)
def _registered() -> Iterator[None]:
    register(guarded, "t_guarded")
    yield
    default_registry.unregister("t_guarded")
    refusal.clear()
    writes.clear()


def hydrated(user: Any) -> dict[str, Any]:
    request = RequestFactory().get("/")
    request.user = user
    html = Template("{% load mizan %}{% mizan_hydration %}").render(Context({"request": request}))
    match = re.fullmatch(r'<script type="application/json" id="mizan-hydration">(.*)</script>',
                         html)
    assert match is not None, html
    return dict(json.loads(match.group(1))["contexts"]["global"])


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(REFUSALS))
def test_a_refusing_global_context_is_left_out(kind: str, users: dict[str, Any]) -> None:
    refusal.append(REFUSALS[kind])
    values = hydrated(users["alice"])
    assert "t_guarded" not in values
    assert values["whoami"] == {"username": "alice", "staff": False}  # the others still render


@pytest.mark.django_db(transaction=True)
def test_a_refusal_does_not_roll_back_the_page(django_user_model: Any) -> None:
    refusal.append(PermissionDenied("staff only"))
    writes.append("dave")
    with transaction.atomic():  # ATOMIC_REQUESTS around a view that renders the tag
        carol = django_user_model.objects.create_user("carol", password="pw")
        assert "t_guarded" not in hydrated(carol)
    assert django_user_model.objects.filter(username="carol").exists()  # the page's write
    assert django_user_model.objects.filter(username="dave").exists()  # the page's request


@pytest.mark.django_db(transaction=True)
def test_the_same_refusal_as_the_whole_request_rolls_it_back(
    django_user_model: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The contrast to the page: over HTTP the failed call is the request.
    monkeypatch.setitem(connections.settings["default"], "ATOMIC_REQUESTS", True)
    refusal.append(PermissionDenied("staff only"))
    writes.append("dave")
    assert Client().get("/api/mizan/call/t_guarded").status_code == 403
    assert not django_user_model.objects.filter(username="dave").exists()


@pytest.mark.django_db
def test_a_failing_global_context_is_left_out_and_logged(
    users: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    refusal.append(RuntimeError("secret internals"))
    values = hydrated(users["alice"])  # the page still renders
    assert "t_guarded" not in values and "whoami" in values
    assert "secret internals" in caplog.text


@pytest.mark.django_db
def test_a_bad_setting_leaves_every_global_context_out_as_misconfigured(
    users: dict[str, Any], caplog: pytest.LogCaptureFixture, settings: Any
) -> None:
    settings.MIZAN_CACHE_TIMEOUT = "x"
    values = hydrated(users["alice"])  # the page still renders; the client's fetch is refused
    assert values == {}
    assert "Mizan refused a call: MIZAN_CACHE_TIMEOUT must be" in caplog.text
    assert "Traceback" not in caplog.text
