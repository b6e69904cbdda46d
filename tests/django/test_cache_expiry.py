"""Nothing Mizan writes to Redis lives forever: cached values expire after
``MIZAN_CACHE_TIMEOUT`` and the invalidation namespaces (read or bumped) after twice
that, so a project's Redis does not fill with keys of arguments seen once."""

from __future__ import annotations

from typing import Any

import pytest
import redis
from django.test import Client

from tests.django.conftest import call, get

pytestmark = pytest.mark.django_db


def test_values_and_namespaces_all_expire(redis_server: Any, settings: Any) -> None:
    client = redis.Redis.from_url(redis_server.url)
    client.flushdb()
    settings.MIZAN_CACHE_REDIS_URL = redis_server.url
    settings.MIZAN_CACHE_TIMEOUT = 100
    assert get(Client(), "cart", "cart_id=1").status_code == 200  # reads the namespaces
    assert call(Client(), "add_item", {"cart_id": 2, "sku": "tea"}).status_code == 200  # bumps
    ttls = {key.decode(): client.ttl(key) for key in client.scan_iter("mizan:*")}
    values = {k: t for k, t in ttls.items() if k.startswith("mizan:v1:")}
    namespaces = {k: t for k, t in ttls.items() if k.startswith("mizan:ns:")}
    assert values and len(namespaces) >= 4  # read: cart 1's two; bumped: cart 2's two
    assert all(0 < t <= 100 for t in values.values()), values
    assert all(100 < t <= 200 for t in namespaces.values()), namespaces
