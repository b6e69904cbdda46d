"""Small helpers over the `websockets` client for the tests."""

from __future__ import annotations

import asyncio
import json
from typing import Any
from urllib.parse import quote

import websockets
from websockets.exceptions import ConnectionClosed

TIMEOUT = 10.0


def channel_url(base: str, name: str, params: Any, token: str | None = None) -> str:
    url = f"{base}/channel/{name}?params={quote(json.dumps(params))}"
    return url + (f"&token={quote(token)}" if token else "")


def connect(url: str, origin: str | None, session: str | None = None) -> Any:
    headers = {"Cookie": f"sessionid={session}"} if session else None
    return websockets.connect(url, origin=origin, additional_headers=headers,  # type: ignore[arg-type]
                              open_timeout=TIMEOUT, close_timeout=2)


async def recv_json(ws: Any) -> dict[str, Any]:
    return json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))


async def close_of(ws: Any) -> tuple[int, str]:
    """Wait for the server to close the socket; return (code, reason)."""
    try:
        frame = await asyncio.wait_for(ws.recv(), TIMEOUT)
    except ConnectionClosed as closed:
        assert closed.rcvd is not None, "closed without a close frame"
        return closed.rcvd.code, closed.rcvd.reason
    raise AssertionError(f"expected a close, got a frame: {frame!r}")


async def call(ws: Any, call_id: int, name: str, args: dict[str, Any] | None = None) -> dict[str, Any]:
    await ws.send(json.dumps({"id": call_id, "name": name, "args": args or {}}))
    return await recv_json(ws)
