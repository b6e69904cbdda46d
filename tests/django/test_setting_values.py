"""Every ``MIZAN_*`` setting is validated up front (``mizan.E009``): `manage.py
check` names the setting, the value and what it must be; outside DEBUG the
project refuses to start; a bad value that still reaches a request (changed at
run time) refuses the call before any function runs, in the protocol's shape."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client

from mizan_django.checks import check_settings
from tests.django.conftest import call, get
from tests.django.testapp import clients as app

pytestmark = pytest.mark.django_db

BAD = [
    ("MIZAN_PURGE_TIMEOUT", "abc", "a number of seconds, 0 or more"),
    ("MIZAN_PURGE_TIMEOUT", -1, "a number of seconds, 0 or more"),
    ("MIZAN_CACHE_TIMEOUT", "x", "an integer, 0 or more"),
    ("MIZAN_MAX_BODY_BYTES", "x", "an integer, 1 or more"),
    ("MIZAN_MAX_BODY_BYTES", 0, "an integer, 1 or more"),
    ("MIZAN_MWT_TTL", "x", "an integer, 1 or more"),
    ("MIZAN_MWT_LEEWAY", -5, "an integer, 0 or more"),
    ("MIZAN_MWT_AUDIENCE", "", "a non-empty string"),
    ("MIZAN_CACHE_ALIAS", "nope", "the alias of a cache in CACHES (defined: 'default')"),
    ("MIZAN_CACHE_REDIS_URL", 6379, "a string (or None)"),
    ("MIZAN_WS_PATH", 5, "a non-empty string"),
    ("MIZAN_ALLAUTH_ISSUE_TOKEN", "yes", "True or False"),
    ("MIZAN_ALLAUTH_FRONTEND_URLS", ["/x"], "a dict of page names to URL strings"),
]


def _e009(found: list[Any]) -> list[str]:
    return [m.msg for m in found if m.id == "mizan.E009"]


@pytest.mark.parametrize(("name", "value", "expected"), BAD)
def test_a_bad_value_is_a_check_error_naming_setting_value_and_expectation(
        settings: Any, name: str, value: Any, expected: str) -> None:
    assert _e009(check_settings()) == []
    setattr(settings, name, value)
    assert _e009(check_settings()) == [f"{name} must be {expected}; got {value!r}."]


def test_a_secret_of_the_wrong_type_is_reported_without_its_value(settings: Any) -> None:
    settings.MIZAN_MWT_OLD_SECRETS = "old-secret-value"
    settings.MIZAN_CACHE_SECRET = 1234567
    found = _e009(check_settings())
    assert found == ["MIZAN_CACHE_SECRET must be a non-empty string; got a value of type int.",
                     ("MIZAN_MWT_OLD_SECRETS must be a list of non-empty strings; "
                      "got a value of type str.")]
    assert "old-secret-value" not in " ".join(found)


def test_values_read_from_the_environment_as_text_still_work(settings: Any) -> None:
    from mizan_django.conf import config

    settings.MIZAN_CACHE_TIMEOUT = "120"
    settings.MIZAN_PURGE_TIMEOUT = "2.5"
    assert _e009(check_settings()) == []
    assert (config().cache_timeout, config().purge_timeout) == (120, 2.5)


def test_manage_py_check_fails_on_it(settings: Any) -> None:
    settings.MIZAN_MWT_TTL = "x"
    with pytest.raises(SystemCheckError) as raised:
        call_command("check")
    assert "(mizan.E009) MIZAN_MWT_TTL must be an integer, 1 or more; got 'x'." in str(raised.value)


def _refused(response: Any) -> None:
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    error = json.loads(response.content)["error"]
    assert error["code"] == "misconfigured" and "nothing was run" in error["message"]


def test_a_mutation_is_refused_before_it_runs_when_the_cache_alias_names_nothing(
        settings: Any) -> None:
    settings.MIZAN_CACHE_ALIAS = "nope"
    _refused(call(Client(), "add_item", {"cart_id": 1, "sku": "x"}))
    assert app.CARTS == {}  # not applied: a client that retries cannot apply it twice


@pytest.mark.parametrize(("name", "value"), [("MIZAN_PURGE_TIMEOUT", "abc"),
                                             ("MIZAN_MWT_TTL", "x"),
                                             ("MIZAN_CACHE_TIMEOUT", "x")])
def test_reads_and_anonymous_calls_are_refused_as_misconfigured(
        settings: Any, name: str, value: Any) -> None:
    setattr(settings, name, value)
    _refused(get(Client(), "cart", "cart_id=1"))
    _refused(call(Client(), "echo", {"text": "hi"}))
    assert app.CALLS == {}


def test_debug_shows_which_setting(settings: Any) -> None:
    settings.DEBUG = True
    settings.MIZAN_MAX_BODY_BYTES = "x"
    error = json.loads(call(Client(), "echo", {"text": "hi"}).content)["error"]
    assert error["details"] == {
        "message": "MIZAN_MAX_BODY_BYTES must be an integer, 1 or more; got 'x'."}


SECRETS = ", MIZAN_CACHE_SECRET='c' * 40, MIZAN_MWT_SECRET='m' * 40, "


@pytest.mark.parametrize(("debug", "extra", "starts"), [
    (False, "MIZAN_CACHE_TIMEOUT='x'", False),
    (False, "MIZAN_CACHE_ALIAS='nope'", False),
    (False, "MIZAN_CACHE_TIMEOUT='60'", True),
    (True, "MIZAN_CACHE_TIMEOUT='x'", True),  # runserver's checks report it instead
])
def test_outside_debug_a_bad_value_stops_the_project_as_it_loads(
        debug: bool, extra: str, starts: bool) -> None:
    # A fresh interpreter, as gunicorn or uvicorn loads the project (no checks run there).
    from tests.django.test_app import _BOOT

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run([sys.executable, "-c", _BOOT.format(debug=debug, extra=SECRETS + extra)],
                          capture_output=True, text=True, env=env, timeout=60, check=False)
    assert (done.returncode == 0 and "started" in done.stdout) is starts, done.stderr[-2000:]
    if not starts:
        assert f"ImproperlyConfigured: {extra.split('=')[0]} must be " in done.stderr


def test_the_asgi_app_answers_it_in_the_protocols_shape(settings: Any) -> None:
    import asyncio

    from asgiref.testing import ApplicationCommunicator
    from django.core.asgi import get_asgi_application

    from mizan_django import wrap_asgi

    asgi = wrap_asgi(get_asgi_application())  # before the bad value: the app starts
    settings.MIZAN_MAX_BODY_BYTES = "x"
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": "/api/mizan/call/echo", "raw_path": b"/api/mizan/call/echo",
             "query_string": b"", "root_path": "", "server": ("testserver", 80),
             "client": ("127.0.0.1", 1), "headers": [(b"host", b"testserver"),
                                                     (b"content-type", b"application/json"),
                                                     (b"content-length", b"2")]}

    async def post() -> list[Any]:
        talk = ApplicationCommunicator(asgi, scope)
        await talk.send_input({"type": "http.request", "body": b"{}", "more_body": False})
        return [await talk.receive_output(10), await talk.receive_output(10)]

    start, body = asyncio.run(post())
    assert start["status"] == 500
    assert json.loads(body["body"])["error"]["code"] == "misconfigured"
    assert app.CALLS == {}
