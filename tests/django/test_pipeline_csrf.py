"""The ``csrftoken`` cookie: a browser gets it from Mizan itself, so its session POSTs pass.

The generated client echoes the ``csrftoken`` cookie in ``X-CSRFToken``; these
tests play that browser with Django's test client and real CSRF checks
(``enforce_csrf_checks=True``), starting from no cookie at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.test import Client, override_settings
from django.urls import include, path

from mizan_core import client, default_registry, register
from mizan_django.auth import issue_token
from tests.django.conftest import call, get

pytestmark = pytest.mark.django_db


@client
def remember(request: HttpRequest, note: str) -> list[str]:
    """An anonymous function with state: it writes the session (a cart, a wizard)."""
    notes = [*request.session.get("notes", []), note]
    request.session["notes"] = notes
    return notes


def page(request: HttpRequest) -> HttpResponse:
    """A server-rendered page that hydrates the global contexts."""
    template = engines["django"].from_string("{% load mizan %}{% mizan_hydration %}")
    return HttpResponse(template.render({}, request))


#: this module is also the ROOT_URLCONF of the page test
urlpatterns = [path("page/", page), path("api/mizan/", include("mizan_django.urls"))]


@pytest.fixture(autouse=True)
def _remember() -> Iterator[None]:
    register(remember, "t_remember")
    yield
    default_registry.unregister("t_remember")


def browser() -> Client:
    return Client(enforce_csrf_checks=True)


def token_of(c: Client) -> dict[str, str]:
    """What the generated client sends: the cookie's value in ``X-CSRFToken``."""
    return {"HTTP_X_CSRFTOKEN": c.cookies[settings.CSRF_COOKIE_NAME].value}


def test_context_get_gives_the_token_the_next_session_post_needs() -> None:
    c = browser()
    first = get(c, "whoami")
    assert first.status_code == 200
    assert settings.CSRF_COOKIE_NAME in first.cookies
    assert "private" in first["Cache-Control"]  # no shared cache hands this token to others

    created = call(c, "t_remember", {"note": "a"}, **token_of(c))
    assert created.status_code == 200, created.content
    assert settings.SESSION_COOKIE_NAME in created.cookies  # the session exists now

    again = call(c, "t_remember", {"note": "b"}, **token_of(c))
    assert again.status_code == 200, again.content
    assert json.loads(again.content)["result"] == ["a", "b"]

    forged = call(c, "t_remember", {"note": "c"})  # the session cookie alone is not enough
    assert forged.status_code == 403
    assert json.loads(forged.content)["error"]["code"] == "csrf_failed"


def test_a_post_that_creates_the_session_also_gives_the_token() -> None:
    # No read first: an anonymous mutation creates the session, then the next POST is checked.
    c = browser()
    created = call(c, "t_remember", {"note": "a"})
    assert created.status_code == 200, created.content
    assert {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME} <= set(created.cookies)

    again = call(c, "t_remember", {"note": "b"}, **token_of(c))
    assert again.status_code == 200, again.content
    assert json.loads(again.content)["result"] == ["a", "b"]


def test_a_refused_session_post_gives_the_token_to_retry_with() -> None:
    c = browser()
    c.cookies[settings.SESSION_COOKIE_NAME] = "an-anonymous-session"
    refused = call(c, "echo", {"text": "x"})
    assert refused.status_code == 403
    assert settings.CSRF_COOKIE_NAME in refused.cookies
    retried = call(c, "echo", {"text": "x"}, **token_of(c))
    assert retried.status_code == 200, retried.content


def test_a_browser_holding_the_token_gets_no_new_cookie() -> None:
    c = browser()
    get(c, "whoami")
    token = c.cookies[settings.CSRF_COOKIE_NAME].value
    again = get(c, "whoami")
    assert settings.CSRF_COOKIE_NAME not in again.cookies
    assert again["Cache-Control"] == "no-cache"  # still shared: nothing private in it
    assert c.cookies[settings.CSRF_COOKIE_NAME].value == token


def test_scripts_and_bearer_callers_stay_cookie_free(users: dict[str, Any]) -> None:
    script = call(browser(), "echo", {"text": "x"})
    assert script.status_code == 200
    assert not script.cookies
    bearer = get(browser(), "whoami",
                 HTTP_AUTHORIZATION=f"Bearer {issue_token(users['alice'])}")
    assert bearer.status_code == 200
    assert not bearer.cookies


@override_settings(ROOT_URLCONF=__name__)
def test_the_hydrated_page_gives_the_token() -> None:
    c = browser()
    response = c.get("/page/")
    assert response.status_code == 200
    assert b'id="mizan-hydration"' in response.content
    assert settings.CSRF_COOKIE_NAME in response.cookies
    created = call(c, "t_remember", {"note": "a"}, **token_of(c))
    assert created.status_code == 200, created.content
    assert json.loads(call(c, "t_remember", {"note": "b"}, **token_of(c)).content)["result"] == ["a", "b"]
