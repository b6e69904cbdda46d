"""What a call refused for a bad ``MIZAN_*`` setting says (``mizan_django.pipeline``):
the same text to every caller, the setting only under DEBUG, and the setting in the
server's log either way."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.test import Client

from tests.django.conftest import call

pytestmark = pytest.mark.django_db

PROBLEM = "MIZAN_MAX_BODY_BYTES must be an integer, 1 or more; got 'x'."


def test_outside_debug_the_answer_names_no_setting_and_the_log_does(
        settings: Any, caplog: pytest.LogCaptureFixture) -> None:
    settings.DEBUG = False
    settings.MIZAN_MAX_BODY_BYTES = "x"
    with caplog.at_level(logging.ERROR, logger="mizan_django.request"):
        response = call(Client(), "echo", {"text": "hi"})
    assert response.status_code == 500
    assert json.loads(response.content)["error"] == {
        "code": "misconfigured",
        "message": "the server is not configured correctly (`manage.py check` says why); "
                   "nothing was run",
        "details": None,
    }
    logged = [(r.name, r.levelno, r.getMessage()) for r in caplog.records
              if r.name == "mizan_django.request"]
    assert logged == [("mizan_django.request", logging.ERROR, f"Mizan refused a call: {PROBLEM}")]
