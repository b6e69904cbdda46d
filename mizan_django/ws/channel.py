"""The consumer behind ``<ws>/channel/<name>?params=<JSON>``: one subscription.

Connect: find the channel by name (4404), refuse a bad token (4401, done by
the guard), validate ``params`` against ``Params`` (4400, the reason names
the field), ask ``authorize`` (4401 for an anonymous user, 4403 otherwise),
then join the channel-layer group. Frames (JSON text):

- server -> client: ``{"type": "message", "data": <DjangoMessage>}``
- client -> server: ``{"data": <ReactMessage>}``; an invalid frame, a channel
  without ``ReactMessage`` or a refused ``authorize`` answers
  ``{"type": "error", "error": {"code", "message", "details"}}`` and the socket
  stays open. ``authorize`` runs again for every client message.

The channel layer is waited for at most ``layer.SEND_TIMEOUT`` (Redis may be
paused): a group it did not let the socket join closes it with 4503, a
reply it did not take is answered with a ``503 layer_unavailable`` error.
"""

from __future__ import annotations

from typing import Any

from channels.generic.websocket import AsyncWebsocketConsumer
from pydantic import BaseModel, ValidationError

from mizan_core.registry import default_registry
from mizan_django.channels import ReactChannel, layer_group
from mizan_django.errors import MizanRequestError, validation_details
from mizan_django.ws._calls import call_user_code
from mizan_django.ws._frames import dumps, loads_frame
from mizan_django.ws.guard import current_user, query_value, reason_text
from mizan_django.ws.layer import LayerListener, group_send, join, leave

__all__ = ["ChannelConsumer"]


class _Refused(Exception):
    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


class ChannelConsumer(LayerListener, AsyncWebsocketConsumer):
    channel: ReactChannel | None = None
    params: BaseModel | None = None
    group: str | None = None

    async def connect(self) -> None:
        await self.accept()  # first: a refusal must reach the client as a close code
        try:
            await self._subscribe()
        except _Refused as refused:
            await self.close(code=refused.code, reason=reason_text(refused.reason))

    async def _subscribe(self) -> None:
        name = self.scope["mizan_channel"]
        entry = default_registry.entry(name)
        cls = entry.target if entry is not None and entry.kind == "channel" else None
        if not (isinstance(cls, type) and issubclass(cls, ReactChannel)):
            raise _Refused(4404, f"no channel named {name!r}")
        params = _params(cls, query_value(self.scope, "params"))
        channel = cls(user=self.scope.get("user"), scope=self.scope)
        await _authorize(channel, params)
        group = layer_group(cls.name, await call_user_code(channel.group, params))
        if not await join(self.channel_layer, [group], self.channel_name):
            raise _Refused(4503, "channel layer unavailable: connect again later")
        self.channel, self.params, self.group = channel, params, group

    async def disconnect(self, code: int) -> None:
        if self.group is not None:
            await leave(self.channel_layer, [self.group], self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        channel, params = self.channel, self.params
        if channel is None or params is None:
            return
        try:
            reply = await self._handle(channel, params, text_data)
        except _Refused as refused:
            await self._error(refused.code - 4000, "forbidden" if refused.code == 4403
                              else "unauthenticated", refused.reason)
            return
        except _FrameError as error:
            await self._error(400, error.code, error.message, error.details)
            return
        if reply is not None and self.group is not None and not await group_send(
                self.group, {"type": "mizan.message", "data": type(channel).encode(reply)}):
            # receive() ran; only its message to the group was lost: the sender may resend
            await self._error(503, "layer_unavailable",
                              "the channel layer did not take the message; send it again later")

    async def _handle(self, channel: ReactChannel, params: BaseModel, text: str | None) -> Any:
        cls = type(channel)
        if cls.ReactMessage is None:
            raise _FrameError("not_accepted", f"channel {cls.name!r} takes no client messages")
        frame = loads_frame(text)
        if frame is None or set(frame) != {"data"}:
            raise _FrameError("invalid_json", 'a client frame is a JSON object {"data": ...}')
        try:
            message = cls.ReactMessage.model_validate(frame["data"], strict=True)
        except ValidationError as error:
            raise _FrameError("invalid_arguments", "the message is not valid",
                              validation_details(error)) from None
        try:
            channel.user = await current_user(self.scope)
        except MizanRequestError as error:  # the token expired since the handshake
            raise _Refused(4401, error.message) from None
        await _authorize(channel, params)
        return await call_user_code(channel.receive, params, message)

    async def _error(self, status: int, code: str, message: str, details: Any = None) -> None:
        await self.send(text_data=dumps(
            {"type": "error", "status": status,
             "error": {"code": code, "message": message, "details": details}}))

    async def mizan_message(self, event: dict[str, Any]) -> None:
        await self.send(text_data=dumps({"type": "message", "data": event["data"]}))


class _FrameError(Exception):
    def __init__(self, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.code, self.message, self.details = code, message, details


def _params(cls: type[ReactChannel], raw: str | None) -> BaseModel:
    data = loads_frame(raw if raw is not None else "{}")
    if data is None:
        raise _Refused(4400, "params must be a JSON object (?params={...})")
    try:
        return cls.Params.model_validate(data, strict=True)
    except ValidationError as error:
        first = validation_details(error)[0]
        where = f"params.{first['field']}" if first["field"] else "params"
        raise _Refused(4400, f"{where}: {first['message']}") from None


async def _authorize(channel: ReactChannel, params: BaseModel) -> None:
    if await call_user_code(channel.authorize, params):
        return
    user = channel.user
    if not getattr(user, "is_authenticated", False):
        raise _Refused(4401, "authentication required")
    raise _Refused(4403, f"not allowed on channel {type(channel).name!r}")
