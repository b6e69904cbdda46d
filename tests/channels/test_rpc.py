"""``websocket=True`` server functions over the multiplexed socket (real uvicorn)."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
import websockets

from tests.channels._ws import call, connect, recv_json
from tests.channels.conftest import get

pytestmark = pytest.mark.asyncio


async def test_a_call_returns_its_result_and_the_invalidation(module_server, site_db):
    async with connect(f"{module_server.ws}/rpc", module_server.origin) as ws:
        before = await call(ws, 1, "live_stock", {"sku": "tea"})
        answer = await call(ws, 2, "restock", {"sku": "tea", "quantity": 3})
    assert answer == {
        "id": 2, "result": before["result"]["stock"] + 3,
        "invalidate": [{"kind": "context", "target": "stock", "scope": {"sku": "tea"}}],
    }


async def test_the_mutation_invalidates_the_cached_context_over_http(module_server):
    _, first = get(module_server, "stock_level", 'sku="tea"')
    async with connect(f"{module_server.ws}/rpc", module_server.origin) as ws:
        await call(ws, 1, "restock", {"sku": "tea", "quantity": 1})
    _, second = get(module_server, "stock_level", 'sku="tea"')
    assert second["result"] == first["result"] + 1


@pytest.mark.parametrize(("name", "args", "status", "code"), [
    ("restock", {"sku": "tea", "quantity": "3"}, 400, "invalid_arguments"),  # strict: no "3"
    ("restock", {"sku": "tea", "quantity": 1, "x": 1}, 400, "invalid_arguments"),
    ("echo", {"text": "hi"}, 405, "method_not_allowed"),  # not websocket=True
    ("nope", {}, 404, "not_found"),
    ("whoami", {}, 401, "unauthenticated"),
    ("explode", {}, 500, "internal_error"),
])
async def test_errors_have_the_http_shape(module_server, name, args, status, code):
    async with connect(f"{module_server.ws}/rpc", module_server.origin) as ws:
        answer = await call(ws, 9, name, args)
    assert answer["id"] == 9 and answer["status"] == status
    assert answer["error"]["code"] == code
    assert "secret internals" not in json.dumps(answer)


async def test_validation_details_name_the_field(module_server):
    async with connect(f"{module_server.ws}/rpc", module_server.origin) as ws:
        answer = await call(ws, 1, "restock", {"sku": "tea"})
    assert answer["error"]["details"] == [
        {"field": "quantity", "message": "Field required", "type": "missing"}]


async def test_auth_by_session_cookie_and_by_token(module_server, site_db):
    bob = site_db.users["bob"]
    async with connect(f"{module_server.ws}/rpc", module_server.origin, bob["session"]) as ws:
        assert (await call(ws, 1, "whoami"))["result"] == "bob"
    async with connect(f"{module_server.ws}/rpc?token={site_db.users['alice']['token']}",
                       module_server.origin) as ws:
        assert (await call(ws, 1, "whoami"))["result"] == "alice"


@pytest.mark.parametrize("frame", ["[1]", "{", '{"id": 1}', '{"id": true, "name": "x"}',
                                   '{"id": 1, "name": "x", "args": []}', '{"a":1,"a":2}'])
async def test_a_malformed_frame_is_a_400_and_the_socket_stays_open(module_server, frame):
    async with connect(f"{module_server.ws}/rpc", module_server.origin) as ws:
        await ws.send(frame)
        answer = await recv_json(ws)
        assert answer["status"] == 400 and answer["error"]["code"] == "invalid_json"
        assert "result" in await call(ws, 2, "live_stock", {"sku": "tea"})


async def test_many_calls_in_flight_are_answered_by_id(module_server):
    async with connect(f"{module_server.ws}/rpc", module_server.origin) as ws:
        for i in range(20):
            await ws.send(json.dumps({"id": f"c{i}", "name": "live_stock", "args": {"sku": "tea"}}))
        answers = [await recv_json(ws) for _ in range(20)]
    assert sorted(a["id"] for a in answers) == sorted(f"c{i}" for i in range(20))
    assert all(a["result"]["sku"] == "tea" for a in answers)
    await asyncio.sleep(0)


async def test_a_call_sees_its_caller_and_not_the_handshakes_credentials(module_server, site_db):
    # The caller is decided per frame (session or ?token=); a function reading the
    # handshake's Authorization or Cookie header could act as someone else.
    alice_token = site_db.users["alice"]["token"]
    headers = {"Cookie": f"sessionid={site_db.users['bob']['session']}",
               "Authorization": f"Bearer {alice_token}"}
    async with websockets.connect(f"{module_server.ws}/rpc", origin=module_server.origin,
                                  additional_headers=headers, open_timeout=10) as ws:
        assert (await call(ws, 1, "tbl_identity"))["result"] == ["bob"]


async def test_slow_calls_on_one_socket_run_side_by_side(module_server):
    async with connect(f"{module_server.ws}/rpc", module_server.origin) as ws:
        started = time.monotonic()
        for i in range(4):
            await ws.send(json.dumps({"id": i, "name": "tbl_nap", "args": {"seconds": 0.5}}))
        answers = [await recv_json(ws) for _ in range(4)]
        elapsed = time.monotonic() - started
    assert sorted(a["id"] for a in answers) == [0, 1, 2, 3]
    assert elapsed < 1.5  # one after the other would take 2 s


async def test_a_slow_call_does_not_hold_up_another_socket(module_server):
    async with connect(f"{module_server.ws}/rpc", module_server.origin) as slow, \
            connect(f"{module_server.ws}/rpc", module_server.origin) as other:
        await slow.send(json.dumps({"id": 1, "name": "tbl_nap", "args": {"seconds": 3.0}}))
        await asyncio.sleep(0.2)  # the slow call is running
        started = time.monotonic()
        assert (await call(other, 2, "tbl_nap", {"seconds": 0.0}))["result"] == 0.0
        assert time.monotonic() - started < 1.5  # not after the 3 s call
        assert (await recv_json(slow))["result"] == 3.0
