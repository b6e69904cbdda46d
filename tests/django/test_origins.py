"""The origin rule (``mizan_django.auth.origin_allowed``) with ``CSRF_TRUSTED_ORIGINS``
set, and what a refused CSRF check tells the caller."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.django.conftest import call


def status(origin: str) -> int:
    return int(call(Client(), "echo", {"text": "x"}, HTTP_ORIGIN=origin).status_code)


def test_an_exact_trusted_origin_passes_and_no_other_does(settings: Any) -> None:
    settings.CSRF_TRUSTED_ORIGINS = ["https://app.shop.example"]
    assert status("https://app.shop.example") == 200
    assert status("https://evil.example") == 403
    assert status("http://app.shop.example") == 403  # another scheme is another origin


def test_a_wildcard_trusts_subdomains_of_its_scheme_only(settings: Any) -> None:
    settings.CSRF_TRUSTED_ORIGINS = ["https://*.shop.example"]
    assert status("https://a.shop.example") == 200
    assert status("http://a.shop.example") == 403
    assert status("https://shop.example.evil") == 403
    assert status("https://evil.example") == 403


@pytest.mark.parametrize("trusted", [["null"], ["*"]])
def test_a_null_origin_is_refused_whatever_is_trusted(settings: Any, trusted: list[str]) -> None:
    settings.CSRF_TRUSTED_ORIGINS = trusted
    assert status("null") == 403


def test_a_refused_csrf_check_says_why_and_how_to_pass(users: dict[str, Any]) -> None:
    c = Client(enforce_csrf_checks=True)
    c.force_login(users["alice"])
    response = call(c, "echo", {"text": "x"})
    assert response.status_code == 403
    error = json.loads(response.content)["error"]
    assert error["code"] == "csrf_failed"
    # Django's own reason, then what the generated client does about it
    assert error["message"] == (
        "CSRF verification failed (CSRF cookie not set.); send the csrftoken cookie's value "
        "in the X-CSRFToken header, or authenticate with a bearer token")


def test_a_refused_origin_is_named() -> None:
    response = call(Client(), "echo", {"text": "x"}, HTTP_ORIGIN="https://evil.example")
    error = json.loads(response.content)["error"]
    assert (response.status_code, error["code"], error["message"]) == (
        403, "csrf_failed", "origin 'https://evil.example' is not allowed")
