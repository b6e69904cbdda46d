"""Mizan's websocket endpoints, mounted by `mizan_django.wrap_asgi`.

Under ``MIZAN_WS_PATH`` (default ``/ws/mizan/``):

- ``rpc``: ``websocket=True`` server functions, multiplexed (`ws.rpc`), and
  the live-invalidation subscriptions and pushes on the same socket (`ws.live`);
- ``channel/<name>?params=<JSON>``: one `ReactChannel` subscription (`ws.channel`).

Every Mizan socket passes the same gate first (`ws.guard`): the Origin must
match ``ALLOWED_HOSTS`` (missing or ``null`` refused with HTTP 403), then the
user comes from ``?token=<mwt>`` or Django's session cookie. Other websocket
paths go to the project's own websocket application, if it gave one.
"""

from __future__ import annotations

from typing import Any

from mizan_django.conf import ws_path
from mizan_django.ws.guard import close_with

__all__ = ["websocket_app"]


class _Routes:
    def __init__(self, prefix: str) -> None:
        from mizan_django.ws.channel import ChannelConsumer
        from mizan_django.ws.rpc import RpcConsumer

        self.prefix = prefix
        self.rpc = RpcConsumer.as_asgi()
        self.channel = ChannelConsumer.as_asgi()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        rest = scope["path"][len(self.prefix):]
        if rest == "rpc":
            await self.rpc(scope, receive, send)
        elif rest.startswith("channel/") and "/" not in rest[len("channel/"):]:
            await self.channel({**scope, "mizan_channel": rest[len("channel/"):]}, receive, send)
        else:
            await close_with(receive, send, 4404, f"no Mizan endpoint at {scope['path']}")


class _MizanSockets:
    """Mizan's paths behind the origin and identity gate; the rest to ``fallback``."""

    def __init__(self, fallback: Any = None) -> None:
        from channels.auth import AuthMiddlewareStack

        from mizan_django.ws.guard import OriginGuard, TokenAuth
        from mizan_django.ws.layer import get_layer

        get_layer()  # the default in-memory / Redis layer, before the first consumer
        self.prefix = ws_path()
        self.mizan = OriginGuard(AuthMiddlewareStack(TokenAuth(_Routes(self.prefix))))
        self.fallback = fallback

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["path"].startswith(self.prefix):
            await self.mizan(scope, receive, send)
        elif self.fallback is not None:
            await self.fallback(scope, receive, send)
        else:
            await close_with(receive, send, 4404, f"no websocket endpoint at {scope['path']}")


def websocket_app(fallback: Any = None) -> Any:
    """The ASGI application for ``websocket`` connections."""
    return _MizanSockets(fallback)
