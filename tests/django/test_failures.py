"""What a failing server function leaves for the developer (``mizan_django.call.failure``):
the log line that names the function, the traceback under DEBUG, and a suspicious
request logged where Django logs its own."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpRequest
from django.test import Client

from mizan_core import client, default_registry, register
from tests.django.conftest import call


@client
def traversal(request: HttpRequest) -> int:
    raise SuspiciousFileOperation("the path ../etc/passwd leaves the media root")


@pytest.fixture(autouse=True)
def _registered() -> Iterator[None]:
    register(traversal, "t_traversal")
    yield
    default_registry.unregister("t_traversal")


def test_a_crash_is_logged_with_the_function_name_and_its_traceback(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="mizan_django.request"):
        call(Client(), "explode")
    [record] = [r for r in caplog.records if r.name == "mizan_django.request"]
    assert record.getMessage() == "server function 'explode' failed"
    assert record.exc_info is not None and "hunter2" in str(record.exc_info[1])


def test_under_debug_the_answer_carries_the_traceback(settings: Any) -> None:
    settings.DEBUG = True
    details = json.loads(call(Client(), "explode").content)["error"]["details"]
    assert details["exception"] == "ValueError"
    assert details["traceback"][0].startswith("Traceback")
    assert details["traceback"][-1] == "ValueError: secret internals: password=hunter2\n"


def test_a_suspicious_operation_is_a_400_logged_as_django_logs_it(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR):
        response = call(Client(), "t_traversal")
    assert response.status_code == 400
    assert json.loads(response.content)["error"]["message"] == (
        "the request was refused (SuspiciousFileOperation)")
    [record] = [r for r in caplog.records if r.levelname == "ERROR"]
    assert record.name == "django.security.SuspiciousFileOperation"
    assert record.getMessage() == "the path ../etc/passwd leaves the media root"
