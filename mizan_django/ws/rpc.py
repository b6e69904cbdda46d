"""The consumer behind ``<ws>/rpc``: ``websocket=True`` server functions over one socket.

Frames are JSON text. A call ``{"id": 7, "name": "add_item", "args": {...}}``
(``id`` a number or string chosen by the client, ``args`` optional) is
answered, in completion order, by ``{"id": 7, "result": ..., "invalidate":
[...]}`` or ``{"id": 7, "status": 400, "error": {"code", "message",
"details"}}``. Calls run concurrently (at most ``MAX_IN_FLIGHT`` per socket).

Every call is one ``mizan_django.call.execute`` (``call_over_socket``): the
same registry lookup, ``auth=``, size limit, strict validation, context
cache, errors and invalidation as HTTP; only ``websocket=True`` functions
answer, and a view path (an ``HttpResponse``) is refused. Who calls is decided again for every frame (the session may have been
logged out, the token may have expired since the handshake), so a socket
never outlives its user's rights.

The same socket carries live invalidation (`ws.live`): ``{"id", "subscribe":
{...}}`` and ``{"id", "unsubscribe": <id>}`` frames, and the pushed
``{"invalidate": [entry]}`` frames that have no ``id``.
"""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING, Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.http import HttpRequest

from mizan_core.registry import default_registry
from mizan_django.errors import MizanRequestError
from mizan_django.ws._frames import MAX_FRAME_BYTES, dumps, loads_frame
from mizan_django.ws.guard import current_user
from mizan_django.ws.layer import LayerListener, join, leave
from mizan_django.ws.live import resolve_subscription

if TYPE_CHECKING:
    from mizan_django.call import Outcome

__all__ = ["MAX_IN_FLIGHT", "RpcConsumer", "call_over_socket", "socket_request"]

MAX_IN_FLIGHT = 16


class RpcConsumer(LayerListener, AsyncWebsocketConsumer):
    async def connect(self) -> None:
        self.tasks: set[asyncio.Task[None]] = set()
        self.slots = asyncio.Semaphore(MAX_IN_FLIGHT)
        #: subscription id -> the layer groups it joined (`ws.live`)
        self.subscriptions: dict[int | str, frozenset[str]] = {}
        await self.accept()

    async def disconnect(self, code: int) -> None:
        for task in self.tasks:
            task.cancel()
        await leave(self.channel_layer, set().union(*self.subscriptions.values()),
                    self.channel_name)
        self.subscriptions.clear()

    async def _subscription(self, call_id: int | str, frame: dict[str, Any]) -> None:
        """A subscribe or unsubscribe frame (`ws.live`), answered like a call."""
        if "unsubscribe" in frame:
            groups = self.subscriptions.pop(frame["unsubscribe"], frozenset())
            still = set().union(*self.subscriptions.values())
            await leave(self.channel_layer, groups - still, self.channel_name)
        else:
            if self.channel_layer is None:
                await self._send_error(call_id, MizanRequestError(
                    503, "live_unavailable", "no channel layer: live invalidation is off"))
                return
            from mizan_django.invalidation import graph  # as `call` below: apps must be ready

            try:
                user = await current_user(self.scope)
                request = socket_request(self.scope, user)
                found = await database_sync_to_async(
                    lambda: resolve_subscription(request, frame["subscribe"],
                                                 graph(default_registry).ir))()
            except MizanRequestError as error:
                await self._send_error(call_id, error)
                return
            joined = set().union(*self.subscriptions.values())
            # only the new groups: on failure they are left again, the others stay joined
            if not await join(self.channel_layer, found.groups - joined, self.channel_name):
                await self._send_error(call_id, MizanRequestError(
                    503, "live_unavailable",
                    "the channel layer did not answer: subscribe again later"))
                return
            self.subscriptions[call_id] = found.groups
        await self.send(text_data='{"id":' + dumps(call_id) + ',"result":null}')

    async def mizan_invalidate(self, event: dict[str, Any]) -> None:
        """An entry pushed to a group this socket joined: only entries, never values."""
        await self.send(text_data=dumps({"invalidate": [event["entry"]]}))

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        data = text_data if text_data is not None else bytes_data
        if data is not None and len(data) > MAX_FRAME_BYTES:  # as HTTP answers a large body
            await self._send_error(None, MizanRequestError.payload_too_large(MAX_FRAME_BYTES))
            return
        frame = loads_frame(data)
        call_id = frame.get("id") if frame is not None else None
        if not isinstance(call_id, (int, str)) or isinstance(call_id, bool):
            call_id = None
        problem = _frame_problem(frame)
        if problem is not None:
            await self._send_error(call_id, MizanRequestError.invalid_json(problem))
            return
        assert frame is not None and call_id is not None  # _frame_problem checked both
        if "subscribe" in frame or "unsubscribe" in frame:
            await self._subscription(call_id, frame)
            return
        await self.slots.acquire()
        task = asyncio.create_task(self._call(call_id, frame["name"], frame.get("args", {})))
        self.tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self.tasks.discard(task)
        self.slots.release()

    async def _call(self, call_id: int | str, name: str, args: dict[str, Any]) -> None:
        try:
            user = await current_user(self.scope)
            request = socket_request(self.scope, user)
            # Not Channels' one shared thread: a slow call must not hold up the
            # socket's other calls, nor other users' sockets (MAX_IN_FLIGHT bounds it).
            outcome = await database_sync_to_async(_socket_outcome, thread_sensitive=False)(
                request, name, json.dumps(args, ensure_ascii=False).encode())
        except MizanRequestError as error:
            await self._send_error(call_id, error)
            return
        assert outcome.result is not None
        # as HTTP's X-Mizan-Purge header: the change is made, other processes may lag
        pending = ',"purge":"pending"' if outcome.purge_pending else ""
        await self.send(text_data='{"id":' + dumps(call_id) + ',"result":' + outcome.result.decode()
                        + ',"invalidate":' + dumps(outcome.invalidate) + pending + "}")

    async def _send_error(self, call_id: int | str | None, error: MizanRequestError) -> None:
        await self.send(text_data=dumps({
            "id": call_id, "status": error.status,
            "error": {"code": error.code, "message": error.message, "details": error.details},
        }))


def call_over_socket(
    request: HttpRequest, name: str, body: bytes
) -> tuple[bytes, list[dict[str, Any]]]:
    """One RPC frame's call: ``(result JSON, invalidate entries)``, or MizanRequestError.

    The socket's origin and identity were checked at connect; ``request.user``
    is the caller now.
    """
    outcome = _socket_outcome(request, name, body)
    assert outcome.result is not None
    return outcome.result, outcome.invalidate


def _socket_outcome(request: HttpRequest, name: str, body: bytes) -> Outcome:
    """The outcome of one RPC frame's call (never an error: raised instead)."""
    # Imported here: the routing imports this module before Django's apps are ready.
    from mizan_django.call import WEBSOCKET, Arguments, execute, resolve

    outcome = execute(resolve(name, WEBSOCKET), request, Arguments(body=body), WEBSOCKET)
    if outcome.error is not None:
        raise outcome.error
    return outcome


def _frame_problem(frame: dict[str, Any] | None) -> str | None:
    if frame is None:
        return 'a call is a JSON object {"id": ..., "name": ..., "args": {...}}'
    call_id = frame.get("id")
    if "subscribe" in frame or "unsubscribe" in frame:
        if set(frame) not in ({"id", "subscribe"}, {"id", "unsubscribe"}):
            return 'a subscription frame is {"id", "subscribe": {...}} or {"id", "unsubscribe": <id>}'
        unsub = frame.get("unsubscribe", 0)
        if not isinstance(unsub, (int, str)) or isinstance(unsub, bool):
            return "unsubscribe names the id of the subscribe frame"
    elif set(frame) - {"id", "name", "args"}:
        return f"unknown keys in the call: {sorted(set(frame) - {'id', 'name', 'args'})}"
    if not isinstance(call_id, (int, str)) or isinstance(call_id, bool):
        return "a call needs an id (a number or a string)"
    if "subscribe" in frame or "unsubscribe" in frame:
        return None
    if not isinstance(frame.get("name"), str):
        return "a call needs the function's name"
    if not isinstance(frame.get("args", {}), dict):
        return "args must be a JSON object of arguments"
    return None


def socket_request(scope: dict[str, Any], user: Any) -> HttpRequest:
    """An ``HttpRequest`` standing for one websocket call: the handshake's
    headers, path and session, the caller's current user, method POST."""
    request = HttpRequest()
    request.method = "POST"
    request.path = request.path_info = scope.get("path", "")
    meta: dict[str, Any] = {"QUERY_STRING": "", "wsgi.url_scheme": "http"}
    client = scope.get("client") or ("", 0)
    server = scope.get("server") or ("localhost", 0)
    meta.update(REMOTE_ADDR=client[0], SERVER_NAME=server[0], SERVER_PORT=str(server[1]))
    for key, value in scope.get("headers", ()):
        name = "HTTP_" + key.decode("latin1").upper().replace("-", "_")
        if name not in ("HTTP_AUTHORIZATION", "HTTP_COOKIE"):  # identity is `user` below
            meta[name] = value.decode("latin1")
    request.META = meta
    request.COOKIES = dict(scope.get("cookies", {}))
    if "session" in scope:
        request.session = scope["session"]
    request.user = user
    request.mizan_transport = "websocket"  # type: ignore[attr-defined]  # for the function's own use
    return request
