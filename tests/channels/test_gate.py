"""The handshake gate, against a real uvicorn server: origin and identity."""

from __future__ import annotations

import json

import pytest
from websockets.exceptions import InvalidStatus

from tests.channels._ws import channel_url, close_of, connect

pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize("origin", [None, "null", "http://evil.example", "file://x"])
async def test_origin_missing_null_or_foreign_is_refused(module_server, origin):
    with pytest.raises(InvalidStatus) as refused:
        async with connect(f"{module_server.ws}/rpc", origin):
            pass
    assert refused.value.response.status_code == 403


def _http_origin_refused(server, origin: str) -> bool:
    """Does HTTP refuse a cookie-authenticated call for its ``origin``?"""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        f"{server.http}/api/mizan/call/echo", data=b'{"text": "x"}', method="POST",
        headers={"Content-Type": "application/json", "Origin": origin,
                 "Cookie": "sessionid=x"})
    try:
        with urllib.request.urlopen(request, timeout=10):
            return False
    except urllib.error.HTTPError as error:
        message = json.loads(error.read())["error"]["message"]
        return error.code == 403 and f"origin {origin!r} is not allowed" in message


async def _ws_status(server, origin: str) -> int:
    try:
        async with connect(f"{server.ws}/rpc", origin):
            return 101
    except InvalidStatus as refused:
        return refused.response.status_code


@pytest.mark.parametrize("origin", [
    "http://evil.example", "http://127.0.0.1:1", "https://127.0.0.1:{port}",
    "http://localhost:{port}",
])
async def test_socket_and_http_refuse_the_same_origins_even_with_any_host_allowed(
        site_db, start_server, origin):
    """With ``ALLOWED_HOSTS = ["*"]`` a foreign site, another port or another
    scheme is refused on both transports: the socket applies HTTP's rule."""
    server = start_server(site_db, allowed_hosts="*")
    origin = origin.format(port=server.port)
    assert _http_origin_refused(server, origin)
    assert await _ws_status(server, origin) == 403


async def test_this_sites_origin_is_accepted_on_both_transports(site_db, start_server):
    server = start_server(site_db, allowed_hosts="*")
    assert await _ws_status(server, server.origin) == 101
    assert not _http_origin_refused(server, server.origin)


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
