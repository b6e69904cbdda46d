"""Who an MWT names (``mizan_django.auth.user_from_token``): exactly the ``sub`` that
``issue_token`` writes for a user, and nothing that merely parses to the same key;
and only while the user keeps the password the token was issued under."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from mizan_core.tokens import issue_mwt
from mizan_django.auth import issue_token
from tests.django.conftest import call, get

pytestmark = pytest.mark.django_db


def as_sub(sub: str) -> Any:
    token = issue_mwt(settings.MIZAN_MWT_SECRET, sub=sub, aud="mizan", ttl=60)
    return call(Client(), "private_echo", {"text": "x"}, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_the_issued_sub_names_its_user(users: dict[str, Any]) -> None:
    response = as_sub(str(users["alice"].pk))
    assert response.status_code == 200
    assert json.loads(response.content)["result"] == {"message": "alice:x"}


@pytest.mark.parametrize("sub", ["abc", "1.0", "", "1e3", "-0"])
def test_a_sub_the_primary_key_cannot_parse_is_401(sub: str, users: dict[str, Any]) -> None:
    response = as_sub(sub)
    assert response.status_code == 401, response.content
    assert json.loads(response.content)["error"]["code"] == "unauthenticated"


@pytest.mark.parametrize("spelling", [" {}", "{} ", "+{}", "0{}", "{}\n"])
def test_another_spelling_of_a_users_key_is_401(spelling: str, users: dict[str, Any]) -> None:
    response = as_sub(spelling.format(users["alice"].pk))
    assert response.status_code == 401, response.content


def test_a_sub_in_other_digits_is_401(users: dict[str, Any]) -> None:
    arabic = str(users["alice"].pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert as_sub(arabic).status_code == 401


def with_token(token: str) -> Any:
    return call(Client(), "private_echo", {"text": "x"}, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_password_change_ends_the_users_tokens(users: dict[str, Any]) -> None:
    alice, bob = users["alice"], users["bob"]
    before, bobs = issue_token(alice), issue_token(bob)
    assert with_token(before).status_code == 200
    alice.set_password("a new password")
    alice.save()
    refused = with_token(before)
    assert refused.status_code == 401
    assert "password changed" in json.loads(refused.content)["error"]["message"]
    assert with_token(issue_token(alice)).status_code == 200  # a token issued since works
    assert with_token(bobs).status_code == 200  # and nobody else's token is touched


def test_the_credential_claim_cannot_be_chosen_by_the_caller(users: dict[str, Any]) -> None:
    token = issue_token(users["alice"], claims={"cred": "anything"})
    assert with_token(token).status_code == 200  # issue_token writes its own


def with_header(value: str) -> Any:
    return call(Client(), "private_echo", {"text": "x"}, HTTP_AUTHORIZATION=value)


@pytest.mark.parametrize("spelling", ["Bearer {}", "bearer {}", "BEARER {}", "Bearer   {}  "])
def test_the_scheme_is_read_in_any_case_and_spaces_around_the_token_do_not_count(
        spelling: str, users: dict[str, Any]) -> None:
    response = with_header(spelling.format(issue_token(users["alice"])))
    assert response.status_code == 200, response.content
    assert json.loads(response.content)["result"] == {"message": "alice:x"}


@pytest.mark.parametrize("header", ["Bearer", "Bearer ", "Bearer    ", "Token {}", "Basic {}",
                                    "{}"])
def test_a_header_that_is_not_a_bearer_token_is_named_as_such(
        header: str, users: dict[str, Any]) -> None:
    response = with_header(header.format(issue_token(users["alice"])))
    assert response.status_code == 401
    error = json.loads(response.content)["error"]
    assert (error["code"], error["message"]) == (
        "unauthenticated", "the Authorization header must be 'Bearer <mwt>'")


def test_without_the_authentication_middleware_a_function_sees_an_anonymous_user(
        settings: Any) -> None:
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE
                           if "sessions" not in m and "auth" not in m]
    response = get(Client(), "whoami")
    assert response.status_code == 200, response.content
    assert json.loads(response.content)["result"] == {"username": "", "staff": False}


def test_a_bearer_call_carrying_a_session_cookie_needs_no_csrf_token(
        users: dict[str, Any]) -> None:
    # The header alone decides: the browser's session (bob) is neither used nor checked.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(users["bob"])
    response = call(browser, "private_echo", {"text": "x"},
                    HTTP_AUTHORIZATION=f"Bearer {issue_token(users['alice'])}")
    assert response.status_code == 200, response.content
    assert json.loads(response.content)["result"] == {"message": "alice:x"}
