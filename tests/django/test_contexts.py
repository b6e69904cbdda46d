"""Who a cached context value belongs to (``mizan_django.contexts.principal_of``),
against Django's cache and a real Redis (``cache_backend``)."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.test import Client
from django.utils import translation
from pydantic import BaseModel, Field, SecretStr

from mizan_core import client, default_registry, register
from tests.django.conftest import get, logged_in
from tests.django.testapp.clients import CALLS

pytestmark = pytest.mark.django_db


def whoami(user: Any) -> str:
    response = get(logged_in(user), "whoami")
    assert response.status_code == 200, response.content
    return str(json.loads(response.content)["result"]["username"])


def test_a_reused_primary_key_is_not_served_the_previous_users_value(
    cache_backend: str, django_user_model: Any
) -> None:
    # As between two tests of a suite: alice's rows roll back, the cache does not.
    with transaction.atomic():
        alice = django_user_model.objects.create_user("alice", password="pw")
        assert whoami(alice) == "alice"
        transaction.set_rollback(True)
    bob = django_user_model.objects.create_user("bob", password="pw")
    assert bob.pk == alice.pk  # SQLite hands the rolled-back key out again
    assert whoami(bob) == "bob"


def test_a_password_change_is_a_new_cache_entry(
    cache_backend: str, django_user_model: Any
) -> None:
    alice = django_user_model.objects.create_user("alice", password="pw")
    whoami(alice)
    whoami(alice)
    assert CALLS["whoami"] == 1
    alice.set_password("new password")
    alice.save()
    whoami(alice)
    assert CALLS["whoami"] == 2  # values cached for the old credentials are not reused


@client(context="basket")
def basket(request: HttpRequest) -> str:
    """An anonymous basket kept in the session: created on the first visit."""
    found = request.session.get("basket")
    if found is None:
        found = request.session["basket"] = secrets.token_hex(8)
    return str(found)


@pytest.fixture
def basket_registered() -> Iterator[None]:
    register(basket, "t_basket")
    yield
    default_registry.unregister("t_basket")


def test_each_cookie_less_visitor_gets_their_own_session_value(
    cache_backend: str, basket_registered: None
) -> None:
    first, second = Client(), Client()
    baskets = []
    for visitor in (first, second):
        response = get(visitor, "t_basket")
        assert response.status_code == 200, response.content
        assert response["Cache-Control"].startswith("private")
        baskets.append(json.loads(response.content)["result"])
    assert baskets[0] != baskets[1]  # the second visitor is not handed the first one's basket
    sessions = [visitor.cookies["sessionid"].value for visitor in (first, second)]
    assert all(sessions) and sessions[0] != sessions[1]
    # each visitor, now with a session, keeps their own basket
    assert json.loads(get(first, "t_basket").content)["result"] == baskets[0]
    assert json.loads(get(second, "t_basket").content)["result"] == baskets[1]


def test_a_context_that_issues_a_csrf_token_is_not_shared(cache_backend: str) -> None:
    @client(context="token")
    def token(request: HttpRequest) -> str:
        return get_token(request)

    register(token, "t_token")
    try:
        tokens = [json.loads(get(Client(), "t_token").content)["result"] for _ in range(2)]
    finally:
        default_registry.unregister("t_token")
    assert tokens[0] != tokens[1]


@client(context="language")
def language(request: HttpRequest) -> str:
    return translation.get_language() or ""


@pytest.fixture
def locale(settings: Any) -> Iterator[None]:
    settings.USE_I18N = True
    settings.LANGUAGES = [("en", "English"), ("fr", "French")]
    settings.LANGUAGE_CODE = "en"
    settings.MIDDLEWARE = [*settings.MIDDLEWARE[:1], "django.middleware.locale.LocaleMiddleware",
                           *settings.MIDDLEWARE[1:]]
    register(language, "t_language")
    yield
    default_registry.unregister("t_language")


def in_language(c: Client, accept: str) -> str:
    response = get(c, "t_language", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 200, response.content
    return str(json.loads(response.content)["result"])


def test_a_user_is_served_the_value_of_their_language(
    cache_backend: str, locale: None, users: dict[str, Any]
) -> None:
    alice = logged_in(users["alice"])
    assert in_language(alice, "fr") == "fr"
    assert in_language(alice, "en") == "en"
    assert in_language(alice, "fr") == "fr"


def test_a_visitor_without_a_session_is_served_the_value_of_their_language(
    cache_backend: str, locale: None
) -> None:
    assert in_language(Client(), "fr") == "fr"
    assert in_language(Client(), "en") == "en"  # not the French visitor's value
    assert in_language(Client(), "fr") == "fr"
    response = get(Client(), "t_language", HTTP_ACCEPT_LANGUAGE="fr")
    assert "Accept-Language" in response["Vary"]


class Query(BaseModel):
    term: str
    page: int = Field(default=0, exclude=True)  # left out of dumps, not out of the call


@client(context="secrets")
def unlock(request: HttpRequest, code: SecretStr) -> bool:
    return code.get_secret_value() == "right"


@client(context="secrets")
def search(request: HttpRequest, query: Query) -> str:
    return f"{query.term} page {query.page}"


@pytest.fixture
def lossy_registered() -> Iterator[None]:
    register(unlock, "t_unlock")
    register(search, "t_search")
    yield
    default_registry.unregister("t_unlock")
    default_registry.unregister("t_search")


def result_of(response: Any) -> Any:
    assert response.status_code == 200, response.content
    return json.loads(response.content)["result"]


def test_calls_that_differ_only_in_a_secret_are_cached_apart(
    cache_backend: str, lossy_registered: None
) -> None:
    assert result_of(get(Client(), "t_unlock", 'code="wrong"')) is False
    assert result_of(get(Client(), "t_unlock", 'code="right"')) is True  # not the wrong code's
    assert result_of(get(Client(), "t_unlock", 'code="wrong"')) is False


def test_calls_that_differ_only_in_an_excluded_field_are_cached_apart(
    cache_backend: str, lossy_registered: None
) -> None:
    first = result_of(get(Client(), "t_search", 'query={"term": "tea", "page": 1}'))
    second = result_of(get(Client(), "t_search", 'query={"term": "tea", "page": 2}'))
    assert (first, second) == ("tea page 1", "tea page 2")


@client(context="membership")
def my_groups(request: HttpRequest) -> list[str]:
    return sorted(request.user.groups.values_list("name", flat=True))


def test_joining_or_leaving_a_group_is_a_new_cache_entry(
    cache_backend: str, users: dict[str, Any]
) -> None:
    register(my_groups, "t_my_groups")
    try:
        alice = users["alice"]
        assert result_of(get(logged_in(alice), "t_my_groups")) == []
        vip = Group.objects.create(name="vip")
        alice.groups.add(vip)
        assert result_of(get(logged_in(alice), "t_my_groups")) == ["vip"]
        alice.groups.remove(vip)
        assert result_of(get(logged_in(alice), "t_my_groups")) == []
    finally:
        default_registry.unregister("t_my_groups")
