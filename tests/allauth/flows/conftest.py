"""A browser against the Mizan endpoint: cookies, the CSRF token echoed in
``X-CSRFToken`` as the generated client does, real CSRF checks."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client


class Browser:
    def __init__(self) -> None:
        self.client = Client(enforce_csrf_checks=True)

    def csrf(self) -> str:
        return self.client.cookies[settings.CSRF_COOKIE_NAME].value

    def get(self, name: str, **extra: Any) -> Any:
        return self.client.get(f"/api/mizan/call/{name}", **extra)

    def call(self, name: str, args: dict[str, Any] | None = None, **extra: Any) -> Any:
        if settings.CSRF_COOKIE_NAME not in self.client.cookies:
            self.get("auth.session")  # how a page gets its token: its first context fetch
        return self.client.post(f"/api/mizan/call/{name}", json.dumps(args or {}),
                                content_type="application/json",
                                HTTP_X_CSRFTOKEN=self.csrf(), **extra)

    def who(self) -> str | None:
        """What the page shows: its ``current_user`` context."""
        return self.get("current_user").json()["result"]["username"]


@pytest.fixture
def browser(transactional_db: None) -> Browser:
    # Not ``db``: a refused call marks any open atomic block for rollback (right
    # under ATOMIC_REQUESTS), and ``db``'s test-wide transaction is one.
    cache.clear()  # allauth's rate limits count in the cache
    return Browser()


def emailed_key(pattern: str) -> str:
    """The key in the link of the last email sent."""
    found = re.search(pattern, mail.outbox[-1].body)
    assert found, mail.outbox[-1].body
    return found.group(1)


CONFIRM_LINK = r"/accounts/confirm-email/([^/\s]+)/"
RESET_LINK = r"/accounts/password/reset/key/([^/\s]+)/"
