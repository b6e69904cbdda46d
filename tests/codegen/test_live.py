"""The generated React hooks against a live demo server, in vitest (jsdom +
React Testing Library):

- `live/shop.test.tsx`: a call, a context fetch, a mutation whose
  invalidation re-fetches exactly the right provider, a form rejected by Zod
  and then by the server, and a websocket channel message;
- `live/hydration.test.tsx`: the page as the real `{% mizan_hydration %}` tag
  renders it (rendered here, by Django, for "bob"), loaded into jsdom under
  `<MizanContext baseUrl=...>`: the user shows with no fetch;
- `live/transport.test.tsx`: a `websocket=True` function goes over the
  multiplexed socket while it is open and over HTTP otherwise;
- `live/resubscribe.test.tsx` (its own server, on a Redis this test pauses):
  a subscription refused as `503 live_unavailable` is sent again, and once
  accepted the page re-fetches and hears another user's mutation.

The server is the channels suite's real ASGI site (the demo shop served by
uvicorn on a loopback port, tests/channels/conftest.py); the client
authenticates as "bob" with an MWT.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.channels.conftest import (  # noqa: F401  (fixtures)
    Server,
    Site,
    module_server,
    post,
    site_db,
    start_server,
)
from tests.fixtures.redis import RedisServer

from ._live import run_live_suite, start_live_suite
from ._tsc import build_project


def test_generated_hooks_against_the_live_demo(module_server: Server, site_db: Site) -> None:  # noqa: F811
    build_project("shop")
    run_live_suite(module_server, site_db, 15)


def test_a_refused_subscription_is_sent_again_once_redis_answers(
        site_db: Site, start_server: Callable[..., Server],  # noqa: F811
        redis_server_factory: Callable[[], RedisServer], tmp_path: Path) -> None:
    build_project("shop")
    redis = redis_server_factory()
    server = start_server(site_db, redis.url)
    redis.pause()  # the layer takes no subscription: each is refused after a second
    try:
        run = start_live_suite(server, site_db, tmp_path, "live/resubscribe.test.tsx")
        run.wait_for("refused", timeout=40)
    finally:
        redis.resume()
    try:
        run.wait_for("subscribed", timeout=30)
        status, _ = post(server, "add_item", {"cart_id": 251, "sku": "tea", "quantity": 3},
                         site_db.users["bob"]["token"])  # another client than the page
        assert status == 200
        run.finish(1)
    finally:
        if run.process.poll() is None:
            run.process.kill()
