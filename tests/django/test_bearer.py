"""What a refused bearer token tells the caller (``mizan_django.auth.user_from_token``),
and the configured clock leeway."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from django.test import Client

from mizan_core.tokens import issue_mwt
from mizan_django.auth import issue_token
from mizan_django.conf import config
from tests.django.conftest import call

pytestmark = pytest.mark.django_db


def refusal(token: str) -> str:
    response = call(Client(), "private_echo", {"text": "x"}, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 401, response.content
    return str(json.loads(response.content)["error"]["message"])


def test_each_refusal_says_what_is_wrong_with_the_token(users: dict[str, Any]) -> None:
    assert refusal("mwt1.abc.def.ghi") == (
        "invalid bearer token: the token was signed with a key that is not accepted")
    cfg = config()
    nobody = issue_mwt(cfg.mwt_secret, sub="999999", aud=cfg.mwt_audience, ttl=60)
    assert refusal(nobody) == "invalid bearer token: unknown user"
    alice = users["alice"]
    token = issue_token(alice)
    alice.is_active = False
    alice.save()
    assert refusal(token) == "invalid bearer token: inactive user"
    bob = users["bob"]
    token = issue_token(bob)
    bob.set_password("changed")
    bob.save()
    assert refusal(token) == (
        "invalid bearer token: the user's password changed since it was issued")


def test_the_leeway_is_the_configured_one(users: dict[str, Any], settings: Any) -> None:
    cfg = config()
    ten_seconds_late = issue_mwt(cfg.mwt_secret, sub=str(users["alice"].pk),
                                 aud=cfg.mwt_audience, ttl=60, now=int(time.time()) - 70)
    ok = call(Client(), "private_echo", {"text": "x"},
              HTTP_AUTHORIZATION=f"Bearer {ten_seconds_late}")
    assert ok.status_code == 200  # within the default 30 s
    settings.MIZAN_MWT_LEEWAY = 5
    assert refusal(ten_seconds_late) == "invalid bearer token: the token has expired"


def test_a_database_failing_while_the_token_s_user_is_read_is_a_500_logged_with_the_function(
        users: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    """A real fault before the call: the user table is gone when the bearer
    token's user is looked up. The caller gets the contract's 500, and the log
    names the function it asked for, so an operator can tell which call broke."""
    from django.db import connection

    token = issue_token(users["alice"])
    with connection.cursor() as cursor:  # inside the test's transaction: rolled back after
        cursor.execute("ALTER TABLE auth_user RENAME TO auth_user_gone")
    with caplog.at_level("ERROR", logger="mizan_django"):
        response = call(Client(raise_request_exception=False), "private_echo", {"text": "x"},
                        HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 500, response.content
    assert json.loads(response.content)["error"]["code"] == "internal_error"
    failed = [r for r in caplog.records if "failed" in r.getMessage()]
    assert failed and "'private_echo'" in failed[0].getMessage(), [r.getMessage() for r in caplog.records]
    assert failed[0].exc_info is not None  # with its traceback, for the operator
