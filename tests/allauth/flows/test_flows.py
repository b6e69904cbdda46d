"""allauth's account flows through ``POST /api/mizan/call/auth.*``, as a browser drives them.

Real django-allauth: its migrations, its forms and adapter, its emails
(Django's locmem outbox), mandatory email verification and a failed-login
rate limit (tests/allauth/settings.py).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal import auth as totp
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from tests.allauth.flows.conftest import CONFIRM_LINK, RESET_LINK, Browser, emailed_key

User = get_user_model()


def verified_user(username: str = "ann", password: str = "old-secret-42") -> Any:
    user = User.objects.create_user(username, email=f"{username}@example.com", password=password)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def invalidated(response: Any) -> list[Any]:
    return json.loads(response["X-Mizan-Invalidate"])


def test_signup_waits_for_the_emailed_key_then_signs_in(browser: Browser) -> None:
    signed_up = browser.call("auth.signup", {"email": "zoe@example.com", "username": "zoe",
                                             "password1": "a-long-pass-99",
                                             "password2": "a-long-pass-99"})
    assert signed_up.status_code == 200, signed_up.content
    state = signed_up.json()["result"]
    assert state["is_authenticated"] is False and state["pending"] == ["verify_email"]
    address = EmailAddress.objects.get(email="zoe@example.com")
    assert address.user.username == "zoe" and not address.verified
    assert mail.outbox[-1].to == ["zoe@example.com"]
    assert browser.who() is None

    token_before = browser.csrf()
    confirmed = browser.call("auth.email.confirm", {"key": emailed_key(CONFIRM_LINK)})
    assert confirmed.status_code == 200, confirmed.content
    assert confirmed.json()["result"]["user"]["username"] == "zoe"
    assert confirmed.json()["result"]["user"]["email_verified"] is True
    assert EmailAddress.objects.get(email="zoe@example.com").verified
    assert "global" in json.dumps(invalidated(confirmed))
    assert browser.csrf() != token_before  # rotated at sign-in, as django.contrib.auth.login does
    assert browser.who() == "zoe"


def test_a_wrong_key_is_the_key_fields_error(browser: Browser) -> None:
    refused = browser.call("auth.email.confirm", {"key": "not-a-key"})
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert error["code"] == "invalid_form"
    assert error["details"]["errors"]["key"] == ["Invalid or expired key."]


def test_signup_errors_are_allauths_per_field(browser: Browser) -> None:
    verified_user("ann")
    refused = browser.call("auth.signup", {"email": "ann@example.com", "username": "ann",
                                           "password1": "a-long-pass-99", "password2": "other"})
    assert refused.status_code == 400
    errors = refused.json()["error"]["details"]["errors"]
    assert errors["username"] == ["A user with that username already exists."]
    assert "email" not in errors  # ACCOUNT_PREVENT_ENUMERATION: allauth emails the owner instead
    assert errors["password2"] == ["You must type the same password each time."]
    assert User.objects.count() == 1


def test_login_by_username_or_email_then_logout(browser: Browser) -> None:
    verified_user("ann")
    assert browser.who() is None
    token_before = browser.csrf()
    signed_in = browser.call("auth.login", {"login": "ann", "password": "old-secret-42"})
    assert signed_in.status_code == 200, signed_in.content
    assert signed_in.json()["result"]["user"]["email"] == "ann@example.com"
    assert signed_in.json()["result"]["token"] is None  # tokens are off unless enabled
    assert "global" in json.dumps(invalidated(signed_in))
    assert browser.csrf() != token_before
    assert browser.who() == "ann"

    out = browser.call("auth.logout")
    assert out.status_code == 200 and out.json()["result"]["is_authenticated"] is False
    assert "global" in json.dumps(invalidated(out))
    assert browser.who() is None

    by_email = browser.call("auth.login", {"login": "ANN@example.com", "password": "old-secret-42"})
    assert by_email.status_code == 200 and browser.who() == "ann"


def test_a_wrong_password_says_so_and_signs_nobody_in(browser: Browser) -> None:
    verified_user("ann")
    refused = browser.call("auth.login", {"login": "ann", "password": "nope"})
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert error["code"] == "invalid_form"
    assert error["details"]["non_field_errors"] == [
        "The username and/or password you specified are not correct."]
    assert browser.who() is None


def test_failed_logins_are_rate_limited_with_429(browser: Browser) -> None:
    verified_user("ann")
    for _ in range(3):
        assert browser.call("auth.login", {"login": "ann", "password": "nope"}).status_code == 400
    limited = browser.call("auth.login", {"login": "ann", "password": "old-secret-42"})
    assert limited.status_code == 429
    error = limited.json()["error"]
    assert error["code"] == "rate_limited"
    assert "Too many failed login attempts" in error["message"]
    assert browser.who() is None


def test_an_unverified_address_holds_the_login_and_resends_the_key(browser: Browser) -> None:
    user = User.objects.create_user("bo", email="bo@example.com", password="old-secret-42")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    held = browser.call("auth.login", {"login": "bo", "password": "old-secret-42"})
    assert held.status_code == 200
    assert held.json()["result"] == {"is_authenticated": False, "user": None,
                                      "pending": ["verify_email"], "token": None}
    assert mail.outbox[-1].to == ["bo@example.com"]
    assert browser.get("auth.session").json()["result"]["pending"] == ["verify_email"]
    assert browser.who() is None

    confirmed = browser.call("auth.email.confirm", {"key": emailed_key(CONFIRM_LINK)})
    assert confirmed.json()["result"]["is_authenticated"] is True
    assert browser.who() == "bo"


def test_password_reset_by_the_emailed_key(browser: Browser) -> None:
    user = verified_user("ann")
    asked = browser.call("auth.password.reset", {"email": "ann@example.com"})
    assert asked.status_code == 200 and asked.json()["result"] == {"sent": True}
    key = emailed_key(RESET_LINK)

    weak = browser.call("auth.password.reset_confirm", {"key": key, "password": "123"})
    assert weak.status_code == 400
    assert weak.json()["error"]["details"]["errors"]["password"]

    done = browser.call("auth.password.reset_confirm", {"key": key, "password": "new-secret-77"})
    assert done.status_code == 200, done.content
    user.refresh_from_db()
    assert user.check_password("new-secret-77")
    again = browser.call("auth.password.reset_confirm", {"key": key, "password": "third-pass-55"})
    assert again.status_code == 400  # the key was for the old password
    assert browser.call("auth.login", {"login": "ann", "password": "old-secret-42"}).status_code == 400
    assert browser.call("auth.login", {"login": "ann", "password": "new-secret-77"}).status_code == 200
    assert browser.who() == "ann"


def test_password_change_needs_a_session_and_the_current_password(browser: Browser) -> None:
    user = verified_user("ann")
    anonymous = browser.call("auth.password.change", {"current_password": "x", "new_password": "y"})
    assert anonymous.status_code == 401
    browser.call("auth.login", {"login": "ann", "password": "old-secret-42"})
    wrong = browser.call("auth.password.change",
                         {"current_password": "nope", "new_password": "new-secret-77"})
    assert wrong.status_code == 400
    assert wrong.json()["error"]["details"]["errors"]["current_password"] == [
        "Please type your current password."]
    changed = browser.call("auth.password.change",
                           {"current_password": "old-secret-42", "new_password": "new-secret-77"})
    assert changed.status_code == 200
    user.refresh_from_db()
    assert user.check_password("new-secret-77")
    assert browser.who() == "ann"  # still signed in


def test_a_token_for_cookieless_clients_when_enabled(browser: Browser, settings: Any) -> None:
    settings.MIZAN_ALLAUTH_ISSUE_TOKEN = True
    verified_user("ann")
    signed_in = browser.call("auth.login", {"login": "ann", "password": "old-secret-42"})
    token = signed_in.json()["result"]["token"]
    assert token
    bare = Client()
    seen = bare.get("/api/mizan/call/current_user", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert seen.json()["result"]["username"] == "ann"


@pytest.mark.parametrize("name", ["auth.login", "auth.signup", "auth.logout"])
def test_a_session_post_without_the_csrf_token_is_refused(browser: Browser, name: str) -> None:
    verified_user("ann")
    browser.call("auth.login", {"login": "ann", "password": "old-secret-42"})
    refused = browser.client.post(f"/api/mizan/call/{name}", "{}", content_type="application/json")
    assert refused.status_code == 403
    assert browser.who() == "ann"


def test_the_emailed_links_open_the_frontend_when_configured(browser: Browser,
                                                             settings: Any) -> None:
    settings.ACCOUNT_ADAPTER = "mizan_django.allauth.adapter.AccountAdapter"
    settings.MIZAN_ALLAUTH_FRONTEND_URLS = {"verify_email": "https://app.example/verify/{key}",
                                            "password_reset": "https://app.example/reset/{key}"}
    browser.call("auth.signup", {"email": "zoe@example.com", "username": "zoe",
                                 "password1": "a-long-pass-99", "password2": "a-long-pass-99"})
    key = emailed_key(r"https://app\.example/verify/(\S+)")
    assert browser.call("auth.email.confirm", {"key": key}).json()["result"]["is_authenticated"]
    browser.call("auth.logout")
    browser.call("auth.password.reset", {"email": "zoe@example.com"})
    key = emailed_key(r"https://app\.example/reset/(\S+)")
    done = browser.call("auth.password.reset_confirm", {"key": key, "password": "new-secret-77"})
    assert done.status_code == 200
    assert User.objects.get(username="zoe").check_password("new-secret-77")


def test_a_totp_user_signs_in_with_the_code(browser: Browser) -> None:
    user = verified_user("ann")
    secret = totp.generate_totp_secret()
    totp.TOTP.activate(user, secret)
    held = browser.call("auth.login", {"login": "ann", "password": "old-secret-42"})
    assert held.json()["result"]["pending"] == ["mfa_authenticate"]
    assert browser.who() is None

    wrong = browser.call("auth.mfa.authenticate", {"code": "000000"})
    assert wrong.status_code == 400
    assert wrong.json()["error"]["details"]["errors"]["code"] == ["Incorrect code."]
    counter = next(totp.yield_hotp_counters_from_time())
    code = totp.format_hotp_value(totp.hotp_value(secret, counter))
    done = browser.call("auth.mfa.authenticate", {"code": code})
    assert done.status_code == 200, done.content
    assert done.json()["result"]["user"]["username"] == "ann"
    assert "global" in json.dumps(invalidated(done))
    assert browser.who() == "ann"


def test_the_code_step_needs_a_held_login(browser: Browser) -> None:
    assert browser.call("auth.mfa.authenticate", {"code": "123456"}).status_code == 409


def test_allauths_request_rate_limits_answer_429(browser: Browser, settings: Any) -> None:
    settings.ACCOUNT_RATE_LIMITS = {"signup": "1/m/ip"}
    first = browser.call("auth.signup", {"email": "zoe@example.com", "username": "zoe",
                                         "password1": "a-long-pass-99", "password2": "a-long-pass-99"})
    assert first.status_code == 200
    second = browser.call("auth.signup", {"email": "max@example.com", "username": "max",
                                          "password1": "a-long-pass-99", "password2": "a-long-pass-99"})
    assert second.status_code == 429
    assert second.json()["error"]["code"] == "rate_limited"
    assert list(User.objects.values_list("username", flat=True)) == ["zoe"]
