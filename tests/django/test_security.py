"""Security: CSRF, origins, bearer MWTs (every way to forge one), every ``auth=`` form
on every HTTP entry point (RPC POST, context GET, view path)."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from mizan_core.tokens import b64url_decode, b64url_encode, issue_mwt
from mizan_django.auth import issue_token
from tests.django.conftest import call, get, logged_in

pytestmark = pytest.mark.django_db

SECRET = "tests-mwt-secret-fedcba9876543210fedcba98765"


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


# --- CSRF and origins -------------------------------------------------------------------


def test_session_post_without_csrf_token_is_refused(users: dict[str, Any]) -> None:
    response = call(logged_in(users["alice"], csrf=True), "private_echo", {"text": "x"})
    assert response.status_code == 403
    assert json.loads(response.content)["error"]["code"] == "csrf_failed"


def test_session_post_with_csrf_token_is_accepted(users: dict[str, Any]) -> None:
    c = logged_in(users["alice"], csrf=True)
    token = "A" * 32  # what the browser read from its csrftoken cookie
    c.cookies["csrftoken"] = token
    response = call(c, "private_echo", {"text": "x"}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert json.loads(response.content)["result"] == {"message": "alice:x"}


def test_anonymous_session_post_is_csrf_checked_too() -> None:
    # An anonymous session holds state (a cart): its cookie is a credential too.
    c = Client(enforce_csrf_checks=True)
    c.cookies[settings.SESSION_COOKIE_NAME] = "an-anonymous-session"
    response = call(c, "echo", {"text": "x"})
    assert response.status_code == 403
    assert json.loads(response.content)["error"]["code"] == "csrf_failed"


def test_cookieless_anonymous_post_needs_no_csrf_token() -> None:
    # No session cookie, no bearer: nothing a forger could borrow (a script, curl).
    response = call(Client(enforce_csrf_checks=True), "echo", {"text": "x"})
    assert response.status_code == 200
    assert json.loads(response.content)["result"] == {"message": "x"}


def test_cookieless_post_from_a_foreign_origin_is_still_refused() -> None:
    # What a forged cross-site form or fetch looks like without cookies.
    response = call(Client(enforce_csrf_checks=True), "echo", {"text": "x"},
                    HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403


def test_bearer_post_needs_no_csrf(users: dict[str, Any]) -> None:
    c = Client(enforce_csrf_checks=True)
    response = call(c, "private_echo", {"text": "x"}, **bearer(issue_token(users["bob"])))
    assert response.status_code == 200
    assert json.loads(response.content)["result"] == {"message": "bob:x"}


@pytest.mark.parametrize("origin", ["null", "https://evil.example", "http://testserver.evil"])
def test_foreign_or_null_origin_is_refused(origin: str, users: dict[str, Any]) -> None:
    for response in (
        call(Client(), "echo", {"text": "x"}, HTTP_ORIGIN=origin),
        get(Client(), "whoami", HTTP_ORIGIN=origin),
        call(Client(), "echo", {"text": "x"}, HTTP_ORIGIN=origin,
             **bearer(issue_token(users["bob"]))),
    ):
        assert response.status_code == 403
        assert json.loads(response.content)["error"]["code"] == "csrf_failed"


def test_same_and_trusted_origins_pass(settings: Any) -> None:
    settings.CSRF_TRUSTED_ORIGINS = ["https://*.shop.example"]
    assert call(Client(), "echo", {"text": "x"}, HTTP_ORIGIN="http://testserver").status_code == 200
    assert call(Client(), "echo", {"text": "x"},
                HTTP_ORIGIN="https://app.shop.example").status_code == 200


# --- tokens -----------------------------------------------------------------------------------


def _tamper(token: str) -> str:
    prefix, kid, payload, signature = token.split(".")
    claims = json.loads(b64url_decode(payload))
    claims["sub"] = "999"
    return ".".join((prefix, kid, b64url_encode(json.dumps(claims).encode()), signature))


def _reencode(token: str) -> str:
    """Same bytes, non-canonical base64url: flip unused trailing bits of the signature."""
    prefix, kid, payload, signature = token.split(".")
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = alphabet.index(signature[-1])
    changed = signature[:-1] + alphabet[last ^ 1]  # 32 bytes -> 43 chars: 2 bits unused
    assert b64url_decode(signature) == __import__("base64").urlsafe_b64decode(changed + "=")
    return f"{prefix}.{kid}.{payload}.{changed}"


@pytest.mark.parametrize("forge", [
    "tampered", "expired", "wrong_audience", "wrong_key", "truncated", "reencoded", "padded",
    "garbage", "basic_scheme",
])
def test_forged_tokens_are_401(forge: str, users: dict[str, Any]) -> None:
    sub = str(users["alice"].pk)
    good = issue_mwt(SECRET, sub=sub, aud="mizan", ttl=60)
    token = {
        "tampered": _tamper(good),
        "expired": issue_mwt(SECRET, sub=sub, aud="mizan", ttl=10, now=int(time.time()) - 100),
        "wrong_audience": issue_mwt(SECRET, sub=sub, aud="other-app", ttl=60),
        "wrong_key": issue_mwt("another-secret", sub=sub, aud="mizan", ttl=60),
        "truncated": good[:-5],
        "reencoded": _reencode(good),
        "padded": good + "=",
        "garbage": "not-a-token",
        "basic_scheme": good,
    }[forge]
    header = {"HTTP_AUTHORIZATION": f"Basic {token}"} if forge == "basic_scheme" else bearer(token)
    c = logged_in(users["bob"])  # a session must not rescue a bad Authorization header
    response = call(c, "private_echo", {"text": "x"}, **header)
    assert response.status_code == 401, forge
    assert json.loads(response.content)["error"]["code"] == "unauthenticated"
    assert response["WWW-Authenticate"] == "Bearer"


def test_rotated_old_secret_still_verifies(settings: Any, users: dict[str, Any]) -> None:
    old = issue_token(users["alice"])
    settings.MIZAN_MWT_SECRET = "a-brand-new-secret-after-rotation-000000"
    assert call(Client(), "private_echo", {"text": "x"}, **bearer(old)).status_code == 401
    settings.MIZAN_MWT_OLD_SECRETS = [SECRET]
    assert call(Client(), "private_echo", {"text": "x"}, **bearer(old)).status_code == 200


def test_token_of_inactive_user_is_refused(users: dict[str, Any]) -> None:
    token = issue_token(users["alice"])
    users["alice"].is_active = False
    users["alice"].save()
    assert call(Client(), "private_echo", {"text": "x"}, **bearer(token)).status_code == 401


# --- auth= on every entry point ------------------------------------------------------------------

# (function, entry point) -> how it is reached
ENTRY = {
    "rpc": lambda c, name, h: call(c, name, {"text": "x"} if name == "private_echo" else {}, **h),
    "get": lambda c, name, h: get(c, name, **h),
    "route": lambda c, name, h: c.get("/api/mizan/receipts/1/", **h),
}


@pytest.mark.parametrize(("name", "entry", "allowed"), [
    ("private_echo", "rpc", {"alice", "bob", "staff", "root", "vip"}),
    ("secret", "get", {"alice", "bob", "staff", "root", "vip"}),
    ("secret", "rpc", {"alice", "bob", "staff", "root", "vip"}),
    ("receipt", "route", {"alice", "bob", "staff", "root", "vip"}),
    ("staff_only", "rpc", {"staff", "root"}),
    ("superuser_only", "rpc", {"root"}),
    ("vip_only", "rpc", {"vip"}),
])
@pytest.mark.parametrize("transport", ["session", "bearer"])
def test_every_auth_form_on_every_entry_point(
    name: str, entry: str, allowed: set[str], transport: str, users: dict[str, Any]
) -> None:
    reach = ENTRY[entry]
    anonymous = reach(Client(), name, {})
    assert anonymous.status_code == 401, "anonymous callers must log in"
    for who, user in users.items():
        if transport == "session":
            response = reach(logged_in(user), name, {})
        else:
            response = reach(Client(), name, bearer(issue_token(user)))
        expected = 200 if who in allowed else 403
        assert response.status_code == expected, (who, response.content)
