"""A `Host` not in `ALLOWED_HOSTS`, as docs/protocol.md describes it: with
startproject's `CommonMiddleware`, Django refuses it before Mizan sees the
request; the JSON `bad_request` is for a Host that Mizan itself reads first
(tests/django/test_pipeline.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.django.conftest import call

pytestmark = pytest.mark.django_db


def test_common_middleware_answers_a_foreign_host_with_djangos_own_400(
        settings: Any, caplog: pytest.LogCaptureFixture) -> None:
    assert "django.middleware.common.CommonMiddleware" in settings.MIDDLEWARE
    response = call(Client(), "echo", {"text": "x"}, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert b"Bad Request (400)" in response.content
    assert b'"error"' not in response.content
    assert "django.security.DisallowedHost" in [r.name for r in caplog.records]
