"""Whether a context value is cached at all (``mizan_django.contexts.context_value``):
``MIZAN_CACHE_TIMEOUT`` of 0 disables the cache, any positive number of seconds
keeps the value that long."""

from __future__ import annotations

import json
from typing import Any

import pytest
import redis
from django.test import Client

from tests.django.conftest import get, logged_in
from tests.django.testapp.clients import CALLS

pytestmark = pytest.mark.django_db


def cart(query: str = "cart_id=1") -> Any:
    response = get(Client(), "cart", query)
    assert response.status_code == 200, response.content
    return json.loads(response.content)["result"]


def test_a_timeout_of_one_second_still_caches(cache_backend: str, settings: Any) -> None:
    settings.MIZAN_CACHE_TIMEOUT = 1
    assert cart() == cart()
    assert CALLS["cart:1"] == 1


def test_a_disabled_cache_writes_nothing_to_redis(redis_server: Any, settings: Any) -> None:
    settings.MIZAN_CACHE_REDIS_URL = redis_server.url
    settings.MIZAN_CACHE_TIMEOUT = 0
    connection = redis.Redis.from_url(redis_server.url)
    connection.flushdb()
    cart()
    cart()
    assert CALLS["cart:1"] == 2
    assert connection.keys("*") == []


@pytest.mark.parametrize("timeout", [0, 300])
def test_a_users_value_is_private_and_a_shared_one_is_not_whether_cached_or_not(
        timeout: int, settings: Any, users: dict[str, Any]) -> None:
    settings.MIZAN_CACHE_TIMEOUT = timeout
    assert get(logged_in(users["alice"]), "whoami")["Cache-Control"] == "private, no-cache"
    browser = Client()
    get(browser, "whoami")  # the first answer sets csrftoken, which makes it private
    assert get(browser, "whoami")["Cache-Control"] == "no-cache"


def test_the_namespaces_of_a_short_timeout_live_at_least_a_minute(
        redis_server: Any, settings: Any) -> None:
    settings.MIZAN_CACHE_REDIS_URL = redis_server.url
    settings.MIZAN_CACHE_TIMEOUT = 10
    connection = redis.Redis.from_url(redis_server.url)
    connection.flushdb()
    cart()
    ttls = {key.decode(): connection.ttl(key) for key in connection.scan_iter("mizan:ns:*")}
    assert ttls and all(50 < t <= 60 for t in ttls.values()), ttls
