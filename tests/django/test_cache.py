"""The context cache, against Django's cache and a real Redis (``cache_backend``):
hits, per-user isolation, scoped purges, ``rev=``, ETags, and a Redis outage."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from django.test import Client

from mizan_django import cache
from tests.django.conftest import call, get, logged_in
from tests.django.testapp.clients import CALLS
from tests.fixtures.redis import CuttableLink

pytestmark = pytest.mark.django_db(transaction=True)  # purges run on commit


def result(response: Any) -> Any:
    assert response.status_code == 200, response.content
    return json.loads(response.content)["result"]


def test_second_fetch_is_a_cache_hit(cache_backend: str) -> None:
    first = result(get(Client(), "cart", "cart_id=1"))
    again = result(call(Client(), "cart", {"cart_id": 1}))  # POST shares the cache
    assert first == again and CALLS["cart:1"] == 1


def test_two_users_same_context_same_args_get_their_own_values(
    cache_backend: str, users: dict[str, Any]
) -> None:
    alice, bob = logged_in(users["alice"]), logged_in(users["bob"])
    assert result(get(alice, "whoami"))["username"] == "alice"
    assert result(get(bob, "whoami"))["username"] == "bob"
    assert result(get(alice, "whoami"))["username"] == "alice"
    assert result(get(Client(), "whoami"))["username"] == ""
    assert CALLS["whoami"] == 3  # one computation per caller, then hits


def test_permission_change_is_a_different_cache_entry(
    cache_backend: str, users: dict[str, Any]
) -> None:
    alice = logged_in(users["alice"])
    assert result(get(alice, "whoami"))["staff"] is False
    users["alice"].is_staff = True
    users["alice"].save()
    assert result(get(logged_in(users["alice"]), "whoami"))["staff"] is True


def test_mutation_in_one_scope_leaves_other_scopes_cached(cache_backend: str) -> None:
    c = Client()
    for cart_id in (1, 2):
        result(get(c, "cart", f"cart_id={cart_id}"))
    result(get(c, "cart_banner"))
    call(c, "add_item", {"cart_id": 1, "sku": "tea"})
    assert result(get(c, "cart", "cart_id=1")) == {"cart_id": 1, "items": ["tea"], "computed": 2}
    assert result(get(c, "cart", "cart_id=2"))["computed"] == 1  # still cached
    assert CALLS["cart:2"] == 1
    # a member of the context without the scoped parameter cannot tell carts apart: purged
    result(get(c, "cart_banner"))
    assert CALLS["cart_banner"] == 2


def test_unscoped_mutation_purges_every_scope(cache_backend: str) -> None:
    c = Client()
    for cart_id in (1, 2):
        result(get(c, "cart", f"cart_id={cart_id}"))
    call(c, "reset_all")
    for cart_id in (1, 2):
        result(get(c, "cart", f"cart_id={cart_id}"))
        assert CALLS[f"cart:{cart_id}"] == 2


def test_function_target_purges_that_function_in_scope(cache_backend: str) -> None:
    c = Client()
    for cart_id in (1, 2):
        result(get(c, "cart", f"cart_id={cart_id}"))
    call(c, "touch_cart", {"cart_id": 2})
    result(get(c, "cart", "cart_id=1"))
    result(get(c, "cart", "cart_id=2"))
    assert (CALLS["cart:1"], CALLS["cart:2"]) == (1, 2)


def test_rev_bump_orphans_old_values(cache_backend: str) -> None:
    from tests.django.testapp.clients import versioned

    result(get(Client(), "versioned"))
    result(get(Client(), "versioned"))
    assert CALLS["versioned"] == 1
    object.__setattr__(versioned.meta, "rev", 3)
    try:
        result(get(Client(), "versioned"))
        assert CALLS["versioned"] == 2
    finally:
        object.__setattr__(versioned.meta, "rev", 2)


def test_etag_and_304(cache_backend: str) -> None:
    first = get(Client(), "cart", "cart_id=5")
    etag = first["ETag"]
    assert get(Client(), "cart", "cart_id=5", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert get(Client(), "cart", "cart_id=5",
               HTTP_IF_NONE_MATCH=f'"x", W/{etag}').status_code == 304
    call(Client(), "add_item", {"cart_id": 5, "sku": "jam"})
    changed = get(Client(), "cart", "cart_id=5", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_cache_control_is_private_for_users_and_never_public(
    cache_backend: str, users: dict[str, Any]
) -> None:
    assert get(logged_in(users["alice"]), "whoami")["Cache-Control"] == "private, no-cache"
    browser = Client()
    get(browser, "whoami")  # the first answer sets csrftoken: private (test_pipeline_csrf)
    anonymous = get(browser, "whoami")
    assert anonymous["Cache-Control"] == "no-cache"
    assert anonymous["Vary"] == "Cookie, Authorization, Accept-Language"


def test_cache_disabled_computes_every_time(settings: Any) -> None:
    settings.MIZAN_CACHE_TIMEOUT = 0
    result(get(Client(), "cart", "cart_id=1"))
    result(get(Client(), "cart", "cart_id=1"))
    assert CALLS["cart:1"] == 2


def test_keys_in_redis_reveal_nothing(redis_server: Any, settings: Any) -> None:
    settings.MIZAN_CACHE_REDIS_URL = redis_server.url
    connection = redis.Redis.from_url(redis_server.url)
    connection.flushdb()
    result(get(Client(), "cart", "cart_id=123456"))
    keys = [k.decode() for k in connection.keys("*")]
    assert keys and all(k.startswith(("mizan:v1:", "mizan:ns:")) for k in keys)
    assert not any("cart" in k or "123456" in k for k in keys)


def test_redis_outage_degrades_to_computing(
    redis_server_factory: Any, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    server = redis_server_factory()
    settings.MIZAN_CACHE_REDIS_URL = server.url
    result(get(Client(), "cart", "cart_id=1"))
    result(get(Client(), "cart", "cart_id=1"))
    assert CALLS["cart:1"] == 1
    server.stop()  # a real outage: the server process is gone
    settings.MIZAN_PURGE_TIMEOUT = 0.5
    with caplog.at_level(logging.WARNING, logger="mizan_django.cache"):
        assert result(get(Client(), "cart", "cart_id=1"))["cart_id"] == 1
        started = time.monotonic()
        answer = call(Client(), "add_item", {"cart_id": 1, "sku": "x"})
        took = time.monotonic() - started
    # the change is made: answered once the purge was retried for MIZAN_PURGE_TIMEOUT
    assert answer.status_code == 200
    assert answer["X-Mizan-Purge"] == "pending"
    assert 0.5 <= took < 2.5
    assert CALLS["cart:1"] == 2
    assert "Redis cache unavailable" in caplog.text
    assert "was not written within MIZAN_PURGE_TIMEOUT" in caplog.text


@pytest.fixture
def silent_redis() -> Iterator[str]:
    """The URL of a loopback port that accepts connections and never answers (a hung
    Redis): every command sent there times out."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=serve, daemon=True).start()
    yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    listener.close()
    for connection in accepted:
        connection.close()


def test_a_hung_cache_is_left_alone_for_a_second(
    silent_redis: str, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    assert cache.RETRY_AFTER == 1.0
    settings.MIZAN_CACHE_REDIS_URL = silent_redis
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="mizan_django.cache"):
        for _ in range(5):
            assert result(get(Client(), "cart", "cart_id=1"))["cart_id"] == 1
        elapsed = time.monotonic() - started
        assert CALLS["cart:1"] == 5  # computed every time
        # One timeout (0.5 s), then the backend is skipped: not one timeout for
        # each of the three cache operations of every request.
        assert caplog.text.count("Redis cache unavailable") == 1
        assert elapsed < 2.5
        time.sleep(1.1)  # the pause is over: tried again
        result(get(Client(), "cart", "cart_id=1"))
        assert caplog.text.count("Redis cache unavailable") == 2


def test_a_mutation_during_a_network_cut_is_not_lost(
    redis_server: Any, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    redis.Redis.from_url(redis_server.url).flushdb()
    host, port = redis_server.url.removeprefix("redis://").split("/")[0].split(":")
    link = CuttableLink((host, int(port)))
    settings.MIZAN_CACHE_REDIS_URL = link.url
    try:
        c = Client()
        assert result(get(c, "cart", "cart_id=1"))["items"] == []
        assert result(get(c, "cart", "cart_id=1"))["computed"] == 1  # cached
        link.cut()
        settings.MIZAN_PURGE_TIMEOUT = 0  # one try: the purge is left to the replay
        with caplog.at_level(logging.WARNING, logger="mizan_django.cache"):
            answer = call(c, "add_item", {"cart_id": 1, "sku": "tea"})
        assert answer.status_code == 200 and answer["X-Mizan-Purge"] == "pending"
        assert "Redis cache unavailable" in caplog.text  # the purge could not be written
        link.restore()
        time.sleep(cache.RETRY_AFTER + 0.1)
        # Redis kept the old value the whole time: it must not be served after the mutation.
        assert result(get(c, "cart", "cart_id=1"))["items"] == ["tea"]
        assert result(get(c, "cart", "cart_id=1")) == {"cart_id": 1, "items": ["tea"],
                                                        "computed": 2}  # and caching resumed
    finally:
        link.close()


def test_a_mutation_waits_for_its_purge_through_a_short_cut(
    redis_server: Any, settings: Any
) -> None:
    """A cut shorter than MIZAN_PURGE_TIMEOUT: the mutation answers once the link is
    back and its purge is in Redis, where every other process reads it."""
    redis.Redis.from_url(redis_server.url).flushdb()
    host, port = redis_server.url.removeprefix("redis://").split("/")[0].split(":")
    link = CuttableLink((host, int(port)))
    settings.MIZAN_CACHE_REDIS_URL = link.url
    settings.MIZAN_PURGE_TIMEOUT = 5
    direct = redis.Redis.from_url(redis_server.url)
    try:
        c = Client()
        result(get(c, "cart", "cart_id=1"))
        namespaces = {k: direct.get(k) for k in direct.keys("mizan:ns:*")}
        assert namespaces
        link.cut()
        threading.Timer(1.0, link.restore).start()
        started = time.monotonic()
        answer = call(c, "add_item", {"cart_id": 1, "sku": "tea"})
        took = time.monotonic() - started
        assert answer.status_code == 200
        assert "X-Mizan-Purge" not in answer
        assert 1.0 <= took < 4.0
        # what another worker sharing this Redis reads: the namespaces moved on already
        assert any(direct.get(k) != v for k, v in namespaces.items())
    finally:
        link.close()


@pytest.mark.parametrize("value", [-1, "soon", float("nan"), float("inf"), True])
def test_the_purge_timeout_is_a_number_of_seconds(settings: Any, value: Any) -> None:
    from django.core.exceptions import ImproperlyConfigured

    from mizan_django.conf import config

    settings.MIZAN_PURGE_TIMEOUT = value
    with pytest.raises(ImproperlyConfigured, match="MIZAN_PURGE_TIMEOUT"):
        config()
