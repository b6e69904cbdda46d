"""Live invalidation across two real server processes sharing one real Redis.

A client of process A changes the stock of tea (the database-backed context
``stock``, scoped by ``sku``: the demo's own cart lives in each process's
memory, so a second process could not re-fetch it); a socket on process B
that shows tea gets the entry and re-fetches the new value from B, one that
shows coffee hears nothing about tea. ``invalidate()`` from a third process
and a form with ``affects`` reach B the same way.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from tests.channels._ws import connect, recv_json
from tests.channels.conftest import get, post

pytestmark = pytest.mark.asyncio

QUIET = 0.5  # how long a socket must stay silent to count as "heard nothing"


@pytest.fixture(scope="module")
def products(site_db):
    site_db.run_python(
        "from shop.models import Product\n"
        "Product.objects.get_or_create(sku='coffee', defaults=dict(name='Coffee', price='3', stock=2))")
    return site_db


@pytest.fixture
def pair(products, start_server, redis_server):
    return start_server(products, redis_server.url), start_server(products, redis_server.url)


async def subscribe(ws: Any, sub_id: int, spec: dict[str, Any]) -> dict[str, Any]:
    await ws.send(json.dumps({"id": sub_id, "subscribe": spec}))
    return await recv_json(ws)


async def silent(ws: Any) -> None:
    with pytest.raises(asyncio.TimeoutError):
        frame = await asyncio.wait_for(ws.recv(), QUIET)
        pytest.fail(f"expected no frame, got {frame!r}")


TEA = {"kind": "context", "target": "stock", "scope": {"sku": "tea"}}
COFFEE = {"kind": "context", "target": "stock", "scope": {"sku": "coffee"}}


async def shown_by_b(pair, fire) -> None:
    """``fire()`` changes tea's stock; B's tea socket hears it and re-fetches the
    new value, B's coffee socket hears nothing until coffee changes."""
    a, b = pair
    _, before = get(b, "stock_level", 'sku="tea"')  # cached by B
    async with connect(f"{b.ws}/rpc", b.origin) as tea, \
            connect(f"{b.ws}/rpc", b.origin) as coffee:
        assert await subscribe(tea, 1, {"context": "stock", "args": {"sku": "tea"}}) == {
            "id": 1, "result": None}
        assert await subscribe(coffee, 1, {"context": "stock", "args": {"sku": "coffee"}}) == {
            "id": 1, "result": None}
        added = fire()
        assert await recv_json(tea) == {"invalidate": [TEA]}
        _, after = get(b, "stock_level", 'sku="tea"')
        assert after["result"] == before["result"] + added
        await silent(coffee)
        status, _ = post(a, "restock", {"sku": "coffee", "quantity": 1})
        assert status == 200
        assert await recv_json(coffee) == {"invalidate": [COFFEE]}  # the first frame it hears
        await silent(tea)


def posting(server: Any, name: str, quantity: int) -> Any:
    """A ``fire`` that POSTs ``name`` to ``server``, adding ``quantity`` tea."""
    def fire() -> int:
        status, body = post(server, name, {"sku": "tea", "quantity": quantity})
        assert status == 200 and body["invalidate"] == [TEA]
        return quantity
    return fire


async def test_a_mutation_on_a_is_pushed_to_the_sockets_of_b_that_show_it(pair):
    await shown_by_b(pair, posting(pair[0], "restock", 3))


async def test_invalidate_from_a_third_process_is_pushed(pair, products, redis_server):
    def fire() -> int:
        products.run_python(  # a "shell": the push is sent when the transaction commits
            "from django.db import transaction\n"
            "from django.db.models import F\n"
            "from shop.models import Product\n"
            "from mizan_django import invalidate\n"
            "with transaction.atomic():\n"
            "    Product.objects.filter(sku='tea').update(stock=F('stock') + 7)\n"
            "    invalidate('stock', sku='tea')\n",
            redis_url=redis_server.url)
        return 7

    await shown_by_b(pair, fire)


async def test_a_form_with_affects_is_pushed(pair):
    await shown_by_b(pair, posting(pair[0], "restock_form.submit", 2))
