"""Fixtures of the runtime tests: both cache backends, users, a JSON caller.

``cache_backend`` is parametrised: every test that uses it runs once against
Django's locmem cache and once against a real Redis server
(``tests.fixtures.redis``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from django.core.cache import cache as django_cache
from django.test import Client

from tests.django.testapp import clients as app


@pytest.fixture(autouse=True)
def _fresh_state() -> Iterator[None]:
    app.CALLS.clear()
    app.CARTS.clear()
    django_cache.clear()
    yield


@pytest.fixture(params=["locmem", "redis"])
def cache_backend(request: pytest.FixtureRequest, settings: Any) -> str:
    if request.param == "redis":
        server = request.getfixturevalue("redis_server")
        redis.Redis.from_url(server.url).flushdb()
        settings.MIZAN_CACHE_REDIS_URL = server.url
    else:
        settings.MIZAN_CACHE_REDIS_URL = None
    return str(request.param)


@pytest.fixture
def users(django_user_model: Any, db: None) -> dict[str, Any]:
    make = django_user_model.objects.create_user
    return {
        "alice": make("alice", password="pw"),
        "bob": make("bob", password="pw"),
        "staff": make("staffer", password="pw", is_staff=True),
        "root": django_user_model.objects.create_superuser("root", password="pw"),
        "vip": make("vipper", password="pw"),
    }


def call(c: Client, name: str, args: Any = None, **extra: Any) -> Any:
    """POST <base>/call/<name> with a JSON body."""
    body = args if isinstance(args, (bytes, str)) else json.dumps({} if args is None else args)
    return c.post(f"/api/mizan/call/{name}", body, content_type="application/json", **extra)


def get(c: Client, name: str, query: str = "", **extra: Any) -> Any:
    return c.get(f"/api/mizan/call/{name}" + (f"?{query}" if query else ""), **extra)


def logged_in(user: Any, *, csrf: bool = False) -> Client:
    c = Client(enforce_csrf_checks=csrf)
    c.force_login(user)
    return c
