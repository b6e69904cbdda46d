"""The server-side purge (``mizan_django.invalidation.purge``) inside and outside a
database transaction, against Django's cache and a real Redis (``cache_backend``)."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import redis
from django.db import transaction
from django.test import Client, TestCase

from tests.django.conftest import call, get
from tests.django.testapp.clients import CALLS
from tests.fixtures.redis import RedisServer


def result(response: Any) -> Any:
    assert response.status_code == 200, response.content
    return json.loads(response.content)["result"]


@pytest.mark.django_db  # the test runs inside a transaction that never commits
def test_mutation_purges_inside_a_transaction_that_never_commits(cache_backend: str) -> None:
    c = Client()
    assert result(get(c, "cart", "cart_id=42"))["items"] == []
    result(call(c, "add_item", {"cart_id": 42, "sku": "tea"}))
    assert result(get(c, "cart", "cart_id=42"))["items"] == ["tea"]
    assert CALLS["cart:42"] == 2


@pytest.mark.django_db(transaction=True)
def test_value_computed_before_commit_is_purged_again_on_commit(cache_backend: str) -> None:
    c = Client()
    result(get(c, "cart", "cart_id=7"))
    with transaction.atomic():  # ATOMIC_REQUESTS, or a mutation inside the caller's block
        result(call(c, "add_item", {"cart_id": 7, "sku": "jam"}))
        # a reader before the commit recomputes (first purge) and caches what it saw
        assert result(get(c, "cart", "cart_id=7"))["computed"] == 2
        assert result(get(c, "cart", "cart_id=7"))["computed"] == 2  # cached
    # the commit purges again, so nothing computed from pre-commit data survives
    assert result(get(c, "cart", "cart_id=7"))["computed"] == 3


@pytest.mark.django_db(transaction=True)
def test_mutation_outside_a_transaction_purges_at_once(cache_backend: str) -> None:
    c = Client()
    result(get(c, "cart", "cart_id=3"))
    result(call(c, "add_item", {"cart_id": 3, "sku": "egg"}))
    assert result(get(c, "cart", "cart_id=3"))["items"] == ["egg"]
    assert result(get(c, "cart", "cart_id=3"))["computed"] == 2  # purged once, then cached


class PurgeInDjangoTestCase(TestCase):
    """The reported case verbatim: Django's ``TestCase`` never commits."""

    def test_get_mutate_get_sees_the_mutation(self) -> None:
        c = Client()
        self.assertEqual(result(get(c, "cart", "cart_id=42"))["items"], [])
        result(call(c, "add_item", {"cart_id": 42, "sku": "tea"}))
        self.assertEqual(result(get(c, "cart", "cart_id=42"))["items"], ["tea"])

    def test_the_commit_purges_once_more(self) -> None:
        c = Client()
        result(get(c, "cart", "cart_id=8"))
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            result(call(c, "add_item", {"cart_id": 8, "sku": "tea"}))
            between = result(get(c, "cart", "cart_id=8"))  # before the commit
        self.assertEqual((between["items"], between["computed"]), (["tea"], 2))
        self.assertEqual(len(callbacks), 1)  # one purge waits for the commit
        self.assertEqual(result(get(c, "cart", "cart_id=8"))["computed"], 3)


# --- invalidate(): the same purge and push, from code outside a server function --


@pytest.mark.django_db(transaction=True)
def test_invalidate_purges_exactly_the_scope_it_names(cache_backend: str) -> None:
    from mizan_django import invalidate

    c = Client()
    result(get(c, "cart", "cart_id=5"))
    result(get(c, "cart", "cart_id=6"))
    invalidate("cart", cart_id=5)
    assert result(get(c, "cart", "cart_id=5"))["computed"] == 2
    assert result(get(c, "cart", "cart_id=6"))["computed"] == 1  # still cached


@pytest.mark.django_db(transaction=True)
def test_invalidate_reaches_a_context_no_mutation_declares(cache_backend: str) -> None:
    from mizan_django import invalidate
    from tests.django.testapp.clients import versioned

    c = Client()
    first = result(get(c, "versioned", ""))
    assert result(get(c, "versioned", "")) == first  # cached
    invalidate("versioned")
    assert result(get(c, "versioned", "")) == first + 1
    invalidate(versioned)  # the function itself, by the names it is registered under
    assert result(get(c, "versioned", "")) == first + 2


@pytest.mark.django_db
def test_invalidate_says_what_it_cannot_name() -> None:
    from mizan_core.errors import MizanSetupError
    from mizan_django import invalidate

    with pytest.raises(MizanSetupError, match="'carts' names no context and no registered"):
        invalidate("carts", cart_id=1)
    with pytest.raises(MizanSetupError, match="sku is not a parameter of it"):
        invalidate("cart", sku="tea")


def _listening(group_scope: dict[str, Any]) -> Any:
    """A channel of the real in-memory layer joined to the group of cart ``group_scope``."""
    from asgiref.sync import async_to_sync

    from mizan_django.ws.layer import get_layer
    from mizan_django.ws.live import entry_group

    layer = get_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(entry_group("context", "cart", group_scope), channel)

    def heard() -> list[Any]:
        import asyncio

        async def drain() -> list[Any]:
            out = []
            while True:
                try:
                    out.append(await asyncio.wait_for(layer.receive(channel), 0.2))
                except TimeoutError:
                    return out
        return [m["entry"] for m in async_to_sync(drain)()]
    return heard


@pytest.mark.django_db(transaction=True)
def test_a_push_inside_a_transaction_waits_for_the_commit() -> None:
    from mizan_django import invalidate

    heard = _listening({"cart_id": 8})
    entry = {"kind": "context", "target": "cart", "scope": {"cart_id": 8}}
    with transaction.atomic():
        invalidate("cart", cart_id=8)
        assert heard() == []  # a client re-fetching now would read uncommitted data
    assert heard() == [entry]
    with pytest.raises(RuntimeError), transaction.atomic():
        result(call(Client(), "add_item", {"cart_id": 8, "sku": "tea"}))
        raise RuntimeError("rolled back")
    assert heard() == []  # nothing changed, nobody is told
    result(call(Client(), "add_item", {"cart_id": 8, "sku": "tea"}))  # no transaction: at once
    assert heard() == [entry]


# --- the purge on commit against a Redis that stops answering (SIGSTOP) ----------


@pytest.fixture
def paused_redis(settings: Any, monkeypatch: pytest.MonkeyPatch,
                 redis_server_factory: Callable[[], RedisServer]) -> Iterator[RedisServer]:
    """A Redis of its own for the store, to pause; the store's background retry
    put off past the test, so that only the purge's own wait writes anything."""
    from mizan_django import cache

    server = redis_server_factory()
    settings.MIZAN_CACHE_REDIS_URL = server.url
    monkeypatch.setattr(cache, "RETRY_AFTER", 60.0)
    yield server
    server.resume()
    cache.backend().bump([], 1)  # writes what it kept: no retry left for later tests


def cart_versions(server: RedisServer) -> list[bytes | str | None]:
    """The versions of cart 7's namespaces as every other process reads them from Redis."""
    from mizan_core.registry import default_registry
    from mizan_django.invalidation import graph, namespace_keys

    keys = namespace_keys(graph(default_registry), "cart", {"cart_id": 7})
    return list(redis.Redis.from_url(server.url, socket_timeout=10).mget(keys))


def unwritten(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "was not written within" in r.getMessage()]


@pytest.mark.django_db(transaction=True)
def test_the_purge_on_commit_waits_for_a_paused_redis_within_the_purge_timeout(
    paused_redis: RedisServer, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.MIZAN_PURGE_TIMEOUT = 20
    c = Client()
    result(get(c, "cart", "cart_id=7"))
    before = cart_versions(paused_redis)
    with caplog.at_level(logging.WARNING, logger="mizan_django.cache"):
        with transaction.atomic():
            answer = call(c, "add_item", {"cart_id": 7, "sku": "jam"})
            assert answer.status_code == 200 and "X-Mizan-Purge" not in answer  # written
            first = cart_versions(paused_redis)
            # Redis stops answering as the transaction commits, for a while well
            # within MIZAN_PURGE_TIMEOUT: the purge on commit waits for it.
            paused_redis.pause()
            resuming = threading.Event()

            def resume() -> None:
                resuming.set()  # before the signal: nothing can be written earlier
                paused_redis.resume()

            threading.Timer(3.0, resume).start()
        # The commit returns once the purge is in Redis (a write Redis had not
        # answered is no proof: a paused Redis still runs what it was sent once
        # it resumes), and other processes read new versions at once: a value
        # cached from before the commit is orphaned.
        came_back = resuming.is_set()
        after = cart_versions(paused_redis)
    assert None not in before and first != before
    assert came_back
    assert after != first and None not in after
    assert unwritten(caplog) == []


@pytest.mark.django_db(transaction=True)
def test_the_purge_on_commit_after_an_unwritten_purge_is_tried_once(
    paused_redis: RedisServer, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.MIZAN_PURGE_TIMEOUT = 6
    c = Client()
    with caplog.at_level(logging.WARNING, logger="mizan_django.cache"):
        with transaction.atomic():
            paused_redis.pause()  # for longer than the bound
            asked = time.monotonic()
            answer = call(c, "add_item", {"cart_id": 7, "sku": "jam"})
            answered = time.monotonic()
            assert answer.status_code == 200 and answer["X-Mizan-Purge"] == "pending"
            committing = time.monotonic()
        committed = time.monotonic()
    # the caller waited out MIZAN_PURGE_TIMEOUT once; the commit does not wait it again
    assert answered - asked >= 6
    assert committed - committing < 3
    assert len(unwritten(caplog)) == 2  # the purge now, and the one try on commit
