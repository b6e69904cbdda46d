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
import contextlib
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


# --- what a socket may subscribe to, and what it hears (one process) ---------


async def test_a_subscription_is_authorised_as_a_read_of_its_functions(module_server, site_db):
    spec = {"context": "staff_notes", "args": {"note_id": 1}}
    async with connect(f"{module_server.ws}/rpc", module_server.origin) as anonymous:
        refused = await subscribe(anonymous, 1, spec)
        assert (refused["id"], refused["status"], refused["error"]["code"]) == (
            1, 401, "unauthenticated")
    bob = site_db.users["bob"]["token"]
    async with connect(f"{module_server.ws}/rpc?token={bob}", module_server.origin) as ws:
        refused = await subscribe(ws, 1, spec)
        assert (refused["status"], refused["error"]["code"]) == (403, "forbidden")
        post(module_server, "restock", {"sku": "tea", "quantity": 1})
        await silent(ws)  # a refused subscription joined nothing
    alice = site_db.users["alice"]["token"]
    async with connect(f"{module_server.ws}/rpc?token={alice}", module_server.origin) as ws:
        assert await subscribe(ws, 1, spec) == {"id": 1, "result": None}


@pytest.mark.parametrize(("spec", "status", "code"), [
    ({"context": "nope", "args": {}}, 404, "not_found"),
    ({"function": "restock", "args": {}}, 404, "not_found"),  # not a context function
    ({"context": "stock", "args": {"colour": "red"}}, 400, "invalid_arguments"),
    ({"context": "stock", "args": []}, 400, "invalid_arguments"),
    ({"context": "stock", "function": "stock_level"}, 400, "invalid_arguments"),
    ("stock", 400, "invalid_arguments"),
])
async def test_a_bad_subscription_is_refused_saying_why(module_server, spec, status, code):
    async with connect(f"{module_server.ws}/rpc", module_server.origin) as ws:
        answer = await subscribe(ws, 9, spec)
        assert (answer["id"], answer["status"], answer["error"]["code"]) == (9, status, code)
        assert answer["error"]["message"]


async def test_after_unsubscribing_a_socket_hears_nothing(module_server):
    async with connect(f"{module_server.ws}/rpc", module_server.origin) as ws:
        await subscribe(ws, 1, {"function": "stock_level", "args": {"sku": "tea"}})
        post(module_server, "restock", {"sku": "tea", "quantity": 1})
        assert await recv_json(ws) == {"invalidate": [TEA]}
        await ws.send(json.dumps({"id": 2, "unsubscribe": 1}))
        assert await recv_json(ws) == {"id": 2, "result": None}
        post(module_server, "restock", {"sku": "tea", "quantity": 1})
        await silent(ws)


async def test_no_socket_hears_of_a_scope_it_did_not_subscribe_to(module_server, products):
    """Many random mutations of carts and stock: each socket receives exactly the
    entries of the scopes it subscribed to, and nothing about any other."""
    import random

    rng = random.Random(20)
    subscriptions = {
        "nothing": [],
        "tea": [{"context": "stock", "args": {"sku": "tea"}}],
        "coffee": [{"function": "stock_level", "args": {"sku": "coffee"}}],
        "cart 1": [{"context": "cart", "args": {"cart_id": 1}}],
        "summary 2": [{"function": "cart_summary", "args": {"cart_id": 2}}],
        "cart 3, tea": [{"context": "cart", "args": {"cart_id": 3}},
                        {"context": "stock", "args": {"sku": "tea"}}],
    }
    members = {"cart": {"cart", "cart_summary"}, "stock": {"stock_level"}}
    context_of = {f: c for c, fs in members.items() for f in fs}

    def concerns(spec: dict[str, Any], entry: tuple[str, str, str]) -> bool:
        """The documented rule: an entry of the context, or of a function it covers,
        whose scope is a subset of the subscription's arguments."""
        kind, target, scope = entry
        context = spec.get("context") or context_of[spec["function"]]
        covered = members[context] if "context" in spec else {spec["function"]}
        named = (kind == "context" and target == context) or (kind == "function" and target in covered)
        return named and json.loads(scope).items() <= spec["args"].items()

    def allowed(name: str, entry: tuple[str, str, str]) -> bool:
        return any(concerns(spec, entry) for spec in subscriptions[name])

    def key(entry: dict[str, Any]) -> tuple[str, str, str]:
        return entry["kind"], entry["target"], json.dumps(entry["scope"], separators=(",", ":"))

    sockets = {}
    async with contextlib.AsyncExitStack() as stack:
        for name, specs in subscriptions.items():
            ws = await stack.enter_async_context(connect(f"{module_server.ws}/rpc",
                                                         module_server.origin))
            for n, spec in enumerate(specs, 1):
                assert await subscribe(ws, n, spec) == {"id": n, "result": None}
            sockets[name] = ws
        sent: list[tuple[str, str, str]] = []
        for _ in range(80):
            choice = rng.randrange(4)
            if choice == 0:
                call, args = "add_item", {"cart_id": rng.randint(1, 5), "sku": "tea"}
            elif choice == 1:
                call, args = "set_note", {"cart_id": rng.randint(1, 5), "note": "n"}
            elif choice == 2:
                call, args = "restock", {"sku": rng.choice(["tea", "coffee"]), "quantity": 1}
            else:
                call, args = "restock_form.submit", {"sku": rng.choice(["tea", "coffee"]), "quantity": 1}
            status, body = post(module_server, call, args)
            assert status == 200, body
            sent.extend(key(e) for e in body["invalidate"])
        for name, ws in sockets.items():
            heard = []
            with contextlib.suppress(asyncio.TimeoutError):
                while True:
                    frame = json.loads(await asyncio.wait_for(ws.recv(), QUIET))
                    heard.extend(key(e) for e in frame["invalidate"])
            assert all(allowed(name, k) for k in heard), (name, heard)
            assert sorted(heard) == sorted(k for k in sent if allowed(name, k)), name
        assert any(allowed("cart 1", k) for k in sent) and any(allowed("coffee", k) for k in sent)
