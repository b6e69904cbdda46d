"""The handshake gate, against a real uvicorn server: origin and identity."""

from __future__ import annotations

import pytest
from websockets.exceptions import InvalidStatus

from tests.channels._ws import call, channel_url, close_of, connect

pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize("origin", [None, "null", "http://evil.example", "file://x"])
async def test_origin_missing_null_or_foreign_is_refused(module_server, origin):
    with pytest.raises(InvalidStatus) as refused:
        async with connect(f"{module_server.ws}/rpc", origin):
            pass
    assert refused.value.response.status_code == 403


async def test_allowed_origin_with_another_port_is_accepted(module_server):
    async with connect(f"{module_server.ws}/rpc", "http://127.0.0.1:1") as ws:
        answer = await call(ws, 1, "stock_level", {"sku": "tea"})
    assert answer["status"] == 405  # got through the gate; stock_level is HTTP-only


async def test_channel_refused_without_auth(module_server):
    async with connect(channel_url(module_server.ws, "chat", {"room": "a"}),
                       module_server.origin) as ws:
        assert await close_of(ws) == (4401, "authentication required")


async def test_invalid_token_is_refused_not_downgraded(module_server, site_db):
    url = channel_url(module_server.ws, "chat", {"room": "a"}, token="mwt1.forged.x.y")
    async with connect(url, module_server.origin, session=site_db.users["bob"]["session"]) as ws:
        code, reason = await close_of(ws)
    assert code == 4401 and reason.startswith("invalid bearer token")


async def test_authorize_refusing_a_user_closes_4403(module_server, site_db):
    url = channel_url(module_server.ws, "staff_room", {"room": "x"})
    async with connect(url, module_server.origin, session=site_db.users["bob"]["session"]) as ws:
        assert await close_of(ws) == (4403, "not allowed on channel 'staff_room'")


@pytest.mark.parametrize(("params", "reason"), [
    ({}, "params.room: Field required"),
    ({"room": 5}, "params.room: Input should be a valid string"),
    ({"room": "a", "extra": 1}, None),  # extra keys follow the model's own config
    ([1], "params must be a JSON object (?params={...})"),
])
async def test_params_rejected_with_a_reason_naming_the_field(module_server, site_db, params,
                                                              reason):
    url = channel_url(module_server.ws, "chat", params, token=site_db.users["bob"]["token"])
    async with connect(url, module_server.origin) as ws:
        if reason is None:
            await ws.ping()  # still open: accepted
            return
        assert await close_of(ws) == (4400, reason)


async def test_unknown_channel_closes_4404(module_server, site_db):
    url = channel_url(module_server.ws, "nope", {}, token=site_db.users["bob"]["token"])
    async with connect(url, module_server.origin) as ws:
        assert await close_of(ws) == (4404, "no channel named 'nope'")
