"""Purges a cache backend could not take: kept, written in the background, capped,
and nothing read from the backend until they are in it.

Both stores run against a real Redis: ``RedisStore`` (``MIZAN_CACHE_REDIS_URL``)
and ``DjangoStore`` over Django's own Redis cache (``MIZAN_CACHE_ALIAS``). The
faults are real too: a killed server refuses connections at once, and a server
out of memory (``maxmemory`` with ``noeviction``) answers reads but refuses
every write.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import redis
from django.test import Client

from mizan_django import cache
from tests.django.conftest import call, get
from tests.django.testapp.clients import CALLS
from tests.fixtures.redis import CuttableLink, RedisServer


class Store:
    """The store under test and a direct line to the Redis behind it."""

    def __init__(self, server: RedisServer, prefix: str) -> None:
        self.server = server
        self.redis = redis.Redis.from_url(server.url)
        self._prefix = prefix  # how Django's cache spells a key in Redis

    def ttl(self, key: str) -> int | None:
        """The seconds left on ``key`` in Redis, or None if it is not there."""
        left = int(self.redis.ttl(self._prefix + key))
        return None if left == -2 else left

    def wait_for(self, key: str, seconds: float = 3.0) -> int | None:
        deadline = time.monotonic() + seconds
        while (left := self.ttl(key)) is None and time.monotonic() < deadline:
            time.sleep(0.05)
        return left


@pytest.fixture(params=["redis", "django"])
def store(request: pytest.FixtureRequest, settings: Any,
          redis_server_factory: Callable[[], RedisServer]) -> Iterator[Store]:
    server = redis_server_factory()
    if request.param == "redis":
        settings.MIZAN_CACHE_REDIS_URL = server.url
        yield Store(server, "")
    else:
        settings.MIZAN_CACHE_REDIS_URL = None
        settings.CACHES = {**settings.CACHES, "purges": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": server.url,
            "OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5}}}
        settings.MIZAN_CACHE_ALIAS = "purges"
        yield Store(server, ":1:")
    if server.process.poll() is not None:
        server.restart()
    written(cache.backend())


def written(store: cache.CacheStore) -> None:
    """Have ``store`` write what it keeps, so that its background retries stop
    (they would log into the tests that follow)."""
    store.bump([], 1)


@pytest.fixture(autouse=True)
def _quick_retries(monkeypatch: pytest.MonkeyPatch, settings: Any) -> None:
    # A failing backend is left alone, and a purge retried, every 0.2 s rather
    # than every second: the same steps, five times sooner.
    monkeypatch.setattr(cache, "RETRY_AFTER", 0.2)
    settings.MIZAN_PURGE_TIMEOUT = 0  # one try, then the purge is the store's to keep


def test_what_a_store_writes_expires_as_asked(store: Store) -> None:
    backend = cache.backend()
    backend.set("v:a", b"x", 30)
    assert backend.get_many(["v:a", "v:b"]) == [b"x", None]
    assert len(backend.versions(["ns:b"], 60)[0]) == 16
    assert store.ttl("v:a") in range(25, 31) and store.ttl("ns:b") in range(55, 61)


def test_a_store_that_cannot_be_read_answers_missing(store: Store) -> None:
    backend = cache.backend()
    store.server.kill()
    assert backend.get_many(["v:a", "v:b"]) == [None, None]
    # a version of its own for each namespace: no value can be found under it
    first, second = backend.versions(["ns:a", "ns:b"], 60)
    assert len(first) == 16 and first != second != backend.versions(["ns:b"], 60)[0]


def test_a_purge_redis_refused_is_written_in_the_background(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    backend = cache.backend()
    store.server.kill()
    with caplog.at_level(logging.WARNING, logger="mizan_django.cache"):
        backend.bump(["ns:a", "ns:b"], 60)
        time.sleep(cache.RETRY_AFTER + 0.3)  # the first retry fails too: another is due
    assert "cache unavailable" in caplog.text
    store.server.restart()  # empty: whatever is there now, the retry wrote
    # Nothing is read from this process: other processes sharing the Redis
    # would serve their old values until the retry writes the purge.
    assert store.wait_for("ns:a") in range(55, 61)
    assert store.ttl("ns:b") in range(55, 61)


def test_a_store_replaced_by_new_settings_stops_retrying(store: Store, settings: Any) -> None:
    backend = cache.backend()
    store.server.kill()
    backend.bump(["ns:a"], 60)
    settings.MIZAN_CACHE_REDIS_URL = None
    settings.MIZAN_CACHE_ALIAS = "default"
    assert cache.backend() is not backend
    store.server.restart()
    time.sleep(cache.RETRY_AFTER + 0.3)
    assert store.ttl("ns:a") is None


def test_past_the_cap_the_oldest_purges_are_dropped_and_logged(
    store: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    assert cache.MAX_UNWRITTEN == 10_000
    monkeypatch.setattr(cache, "MAX_UNWRITTEN", 3)
    backend = cache.backend()
    store.server.kill()
    with caplog.at_level(logging.ERROR, logger="mizan_django.cache"):
        backend.bump(["ns:z", "ns:y", "ns:x"], 50)  # at the cap: all kept
        backend.bump(["ns:z"], 40)  # purged again: now the newest
        backend.bump(["ns:w", "ns:v"], 50)
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    name = "Redis cache" if isinstance(backend, cache.RedisStore) else "Django cache"
    assert errors == [f"Mizan {name}: 2 invalidations could not be written and are dropped"]
    store.server.restart()
    assert store.wait_for("ns:v") in range(45, 51)
    # the three purged last are kept, each with its own timeout: not the first
    # three asked for, nor the first three by name
    assert {key: store.ttl(f"ns:{key}") in range(35, 41) for key in "zyx"} == {
        "z": True, "y": False, "x": False}
    assert store.ttl("ns:w") in range(45, 51)
    assert store.ttl("ns:y") is None and store.ttl("ns:x") is None


def test_a_purge_is_tried_even_while_the_backend_is_left_alone(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "RETRY_AFTER", 30.0)
    backend = cache.backend()
    store.server.kill()
    assert backend.get_many(["v:a"]) == [None]  # refused: left alone for RETRY_AFTER
    store.server.restart()
    assert backend.bump(["ns:a"], 60) is True
    assert store.ttl("ns:a") in range(55, 61)  # written at once, no retry needed


def test_reads_after_an_unwritten_purge_leave_a_hung_backend_alone(
    redis_server_factory: Callable[[], RedisServer], settings: Any,
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(cache, "RETRY_AFTER", 5.0)
    server = redis_server_factory()
    link = CuttableLink(("127.0.0.1", server.port))
    settings.MIZAN_CACHE_REDIS_URL = link.url
    backend = cache.backend()
    try:
        link.cut()  # every command now hangs until the 0.5 s socket timeout
        with caplog.at_level(logging.WARNING, logger="mizan_django.cache"):
            backend.bump(["ns:a"], 60)
            started = time.monotonic()
            for _ in range(5):
                assert backend.versions(["ns:a"], 60)[0] and backend.get_many(["v"]) == [None]
            elapsed = time.monotonic() - started
        # the purge's one timeout, then nothing tried until the backend's pause is over
        assert caplog.text.count("Redis cache unavailable") == 1
        assert elapsed < 0.4
    finally:
        link.restore()
        written(backend)
        link.close()


EXITS = """
import django
from django.conf import settings
django.setup()
settings.MIZAN_CACHE_REDIS_URL = "redis://127.0.0.1:%d/0"
from mizan_django import cache
cache.backend().bump(["ns:a"], 60)
print("purged")
"""


def test_a_process_exits_with_a_purge_it_could_not_write() -> None:
    # A management command that changed data while Redis was down: its purge is
    # retried in the background, and the retries must not keep it running.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens there: refused at once
    done = subprocess.run(
        [sys.executable, "-c", EXITS % port], capture_output=True, text=True, timeout=10, check=False,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.django.settings"})
    assert done.returncode == 0, done.stderr
    assert done.stdout == "purged\n" and "Redis cache unavailable" in done.stderr


def out_of_memory(connection: redis.Redis) -> None:
    connection.config_set("maxmemory-policy", "noeviction")
    connection.config_set("maxmemory", 1)


def cart(c: Client) -> dict[str, Any]:
    response = get(c, "cart", "cart_id=1")
    assert response.status_code == 200, response.content
    return dict(json.loads(response.content)["result"])


@pytest.mark.django_db(transaction=True)  # purges run on commit
def test_nothing_is_read_while_a_purge_is_not_written(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    c = Client()
    assert cart(c)["items"] == [] and cart(c)["computed"] == 1  # cached
    out_of_memory(store.redis)  # reads still answered, writes refused
    try:
        with caplog.at_level(logging.WARNING, logger="mizan_django.cache"):
            answer = call(c, "add_item", {"cart_id": 1, "sku": "tea"})
            assert answer.status_code == 200 and answer["X-Mizan-Purge"] == "pending"
            assert "maxmemory" in caplog.text  # the purge was refused
            time.sleep(cache.RETRY_AFTER + 0.1)  # the backend is no longer left alone
            # Redis still holds the value cached before the mutation, and answers
            # reads: it must not be served while the purge is not in Redis.
            assert cart(c) == {"cart_id": 1, "items": ["tea"], "computed": 2}
            assert cart(c)["computed"] == 3  # nor cached: nothing is read or written
    finally:
        store.redis.config_set("maxmemory", 0)
    time.sleep(cache.RETRY_AFTER + 0.1)
    assert cart(c)["computed"] == 4
    assert cart(c)["computed"] == 4  # the purge is in: caching resumed
    assert CALLS["cart:1"] == 4


@pytest.mark.django_db(transaction=True)
def test_a_view_paths_answer_says_its_purge_is_pending(
    store: Store, users: dict[str, Any]
) -> None:
    store.server.kill()
    alice = Client()
    alice.force_login(users["alice"])
    response = alice.post("/api/mizan/receipts/42/void/")
    assert response.status_code == 200 and response.content == b"voided 42"
    assert response["X-Mizan-Purge"] == "pending"


@pytest.mark.django_db(transaction=True)
def test_a_purge_written_at_once_is_not_pending(store: Store) -> None:
    answer = call(Client(), "add_item", {"cart_id": 1, "sku": "tea"})
    assert answer.status_code == 200 and "X-Mizan-Purge" not in answer


@pytest.mark.django_db(transaction=True)
def test_a_purge_refused_inside_the_requests_transaction_is_pending_and_logged(
    store: Store, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import connections

    # Under ATOMIC_REQUESTS the purge is written once now and once more on commit.
    monkeypatch.setitem(connections.settings["default"], "ATOMIC_REQUESTS", True)
    out_of_memory(store.redis)
    try:
        with caplog.at_level(logging.WARNING, logger="mizan_django.cache"):
            answer = call(Client(), "reset_all")
    finally:
        store.redis.config_set("maxmemory", 0)
    assert answer.status_code == 200 and answer["X-Mizan-Purge"] == "pending"
    unwritten = [r.getMessage() for r in caplog.records
                 if r.getMessage().startswith("Mizan: a purge")]
    assert unwritten and set(unwritten) == {(
        "Mizan: a purge of cart, global was not written within MIZAN_PURGE_TIMEOUT (0.0 s); "
        "it is kept and retried, and other processes sharing the cache may serve the values "
        "from before it until it is written")}


@pytest.mark.django_db
def test_a_call_that_purges_nothing_reports_no_purge() -> None:
    for answer in (call(Client(), "echo", {"text": "x"}), get(Client(), "cart", "cart_id=1")):
        assert answer.status_code == 200 and "X-Mizan-Purge" not in answer
