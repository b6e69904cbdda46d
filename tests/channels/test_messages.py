"""Channel messages both ways and server-side sends, against a real uvicorn server."""

from __future__ import annotations

import json

import pytest

from tests.channels._ws import channel_url, connect, recv_json
from tests.channels.conftest import post

pytestmark = pytest.mark.asyncio


async def test_messages_flow_both_ways_within_a_group_only(module_server, site_db):
    alice, bob = site_db.users["alice"], site_db.users["bob"]
    room_a_session = connect(channel_url(module_server.ws, "chat", {"room": "a"}),
                             module_server.origin, session=alice["session"])
    room_a_token = connect(channel_url(module_server.ws, "chat", {"room": "a"}, bob["token"]),
                           module_server.origin)
    room_b = connect(channel_url(module_server.ws, "chat", {"room": "b"}, bob["token"]),
                     module_server.origin)
    async with room_a_session as a1, room_a_token as a2, room_b as b:
        await a1.send(json.dumps({"data": {"text": "  hello  "}}))
        expected = {"type": "message", "data": {"text": "hello", "user": "alice"}}
        assert await recv_json(a1) == expected
        assert await recv_json(a2) == expected
        await b.send(json.dumps({"data": {"text": "in b"}}))
        # Room b's first frame is its own message: room a's never reached it.
        assert await recv_json(b) == {"type": "message", "data": {"text": "in b", "user": "bob"}}


@pytest.mark.parametrize(("frame", "code"), [
    ("not json", "invalid_json"),
    (json.dumps({"text": "no data key"}), "invalid_json"),
    (json.dumps({"data": {"text": 5}}), "invalid_arguments"),
])
async def test_an_invalid_client_frame_gets_an_error_and_the_socket_stays_open(
        module_server, site_db, frame, code):
    url = channel_url(module_server.ws, "chat", {"room": "err"}, site_db.users["bob"]["token"])
    async with connect(url, module_server.origin) as ws:
        await ws.send(frame)
        error = await recv_json(ws)
        assert error["type"] == "error" and error["status"] == 400
        assert error["error"]["code"] == code
        await ws.send(json.dumps({"data": {"text": "still here"}}))
        assert (await recv_json(ws))["data"] == {"text": "still here", "user": "bob"}


async def test_a_channel_without_react_message_refuses_client_frames(module_server):
    async with connect(channel_url(module_server.ws, "stock", {"sku": "tea"}),
                       module_server.origin) as ws:
        await ws.send(json.dumps({"data": {}}))
        error = await recv_json(ws)
    assert error["error"]["code"] == "not_accepted"


async def test_django_code_sends_to_a_group_typed(module_server, site_db):
    """A server function (plain Django code) calls StockChannel.send(...)."""
    async with connect(channel_url(module_server.ws, "stock", {"sku": "tea"}),
                       module_server.origin) as ws:
        status, body = post(module_server, "restock", {"sku": "tea", "quantity": 2},
                            token=site_db.users["bob"]["token"])
        assert status == 200
        message = await recv_json(ws)
    assert message == {"type": "message", "data": {"sku": "tea", "stock": body["result"]}}


async def test_authorize_runs_again_for_every_client_message(module_server, site_db):
    """The session is logged out after the connect: the next message is refused."""
    session = site_db.run_python(
        "from django.contrib.auth import login\n"
        "from django.contrib.auth.models import User\n"
        "from django.contrib.sessions.backends.db import SessionStore\n"
        "from django.http import HttpRequest\n"
        "request = HttpRequest(); request.session = SessionStore()\n"
        "login(request, User.objects.get(username='alice'),"
        " 'django.contrib.auth.backends.ModelBackend')\n"
        "request.session.save(); print(request.session.session_key)").strip()
    url = channel_url(module_server.ws, "chat", {"room": "logout"})
    async with connect(url, module_server.origin, session=session) as ws:
        site_db.run_python(
            "from django.contrib.sessions.models import Session\n"
            f"Session.objects.filter(session_key={session!r}).delete()")
        await ws.send(json.dumps({"data": {"text": "after logout"}}))
        error = await recv_json(ws)
    assert error["type"] == "error" and error["status"] == 401


async def test_a_digest_shaped_room_name_does_not_reach_a_hashed_group(module_server, site_db):
    """The layer hashes "staff room" (it has a space); bob, refused there, asks
    for the literal room named like that digest and must hear nothing of it."""
    import hashlib

    alice, bob = site_db.users["alice"], site_db.users["bob"]
    digest_name = "h" + hashlib.sha256(b"staff room").hexdigest()[:40]
    staff = connect(channel_url(module_server.ws, "room", {"room": "staff room"}, alice["token"]),
                    module_server.origin)
    lookalike = connect(channel_url(module_server.ws, "room", {"room": digest_name}, bob["token"]),
                        module_server.origin)
    async with staff as a, lookalike as b:
        await a.send(json.dumps({"data": {"text": "staff only"}}))
        assert await recv_json(a) == {"type": "message", "data": {"text": "staff only"}}
        await b.send(json.dumps({"data": {"text": "bob"}}))
        assert await recv_json(b) == {"type": "message", "data": {"text": "bob"}}
