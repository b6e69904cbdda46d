"""Who is on the other end of a websocket, decided once per handshake.

Why not Channels' ``AllowedHostsOriginValidator``: it checks only the
origin's host against ``ALLOWED_HOSTS`` (so with ``["*"]`` any site passes,
whatever its scheme or port). The handshake gets HTTP's own rule instead:
the Origin is this site (scheme, host and port as the request reached it) or
one of ``CSRF_TRUSTED_ORIGINS``. A missing or ``null`` Origin is refused; a
refused handshake gets HTTP 403 and never reaches a consumer.

Identity: a ``?token=<mwt>`` query parameter (cookie-less clients) wins over
the session cookie; an invalid token does not fall back to the session, it
makes the consumer close with ``4401``. Without a token, Channels'
``AuthMiddlewareStack`` reads Django's session cookie.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest

from mizan_django.errors import MizanRequestError

__all__ = ["OriginGuard", "TokenAuth", "current_user", "origin_allowed", "query_value", "refuse"]


class _Handshake(HttpRequest):
    """The handshake seen as Django sees an HTTP request (headers, server,
    scheme), so the origin rule and ``get_host`` are HTTP's own."""

    def __init__(self, scope: dict[str, Any]) -> None:
        super().__init__()
        self._secure = scope.get("scheme") in ("wss", "https")
        server = scope.get("server") or ("", 0)
        self.META["SERVER_NAME"], self.META["SERVER_PORT"] = str(server[0]), str(server[1])
        for key, value in scope.get("headers", ()):
            name = "HTTP_" + key.decode("latin1").upper().replace("-", "_")
            self.META[name] = value.decode("latin1")  # ASGI header values are bytes

    def _get_scheme(self) -> str:
        return "https" if self._secure else "http"


def origin_allowed(scope: dict[str, Any]) -> bool:
    """HTTP's origin rule (``mizan_django.auth.origin_allowed``) for a
    handshake; a missing Origin, allowed for non-browser HTTP callers, is
    refused here."""
    from mizan_django.auth import origin_allowed as http_rule

    origin = header(scope, b"origin")
    if not origin:
        return False
    try:
        return http_rule(origin, _Handshake(scope))
    except DisallowedHost:
        return False


def header(scope: dict[str, Any], name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            text: str = value.decode("latin1")  # ASGI header values are bytes
            return text
    return None


def query_value(scope: dict[str, Any], name: str) -> str | None:
    values = parse_qs(scope.get("query_string", b"").decode("latin1"), keep_blank_values=True)
    found = values.get(name)
    return found[-1] if found else None


async def refuse(send: Any, receive: Any) -> None:
    """Refuse a handshake (the server answers HTTP 403)."""
    message = await receive()
    if message["type"] == "websocket.connect":
        await send({"type": "websocket.close", "code": 1008})


async def close_with(receive: Any, send: Any, code: int, reason: str) -> None:
    """Accept, then close with a code and reason the client can read (a close
    before accept would reach the browser as a bare 403)."""
    message = await receive()
    if message["type"] != "websocket.connect":
        return
    await send({"type": "websocket.accept"})
    await send({"type": "websocket.close", "code": code, "reason": reason_text(reason)})


def reason_text(reason: str) -> str:
    """A close reason fits in 123 bytes of UTF-8."""
    data = reason.encode()
    if len(data) <= 123:
        return reason
    return data[:120].decode(errors="ignore") + "..."


class OriginGuard:
    """Refuse a websocket whose Origin is missing, ``null`` or not an allowed host."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if not origin_allowed(scope):
            await refuse(send, receive)
            return
        await self.app(scope, receive, send)


class TokenAuth:
    """Replace the session user with the MWT's user when ``?token=`` is given."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        token = query_value(scope, "token")
        if token is not None:
            scope = dict(scope)
            try:
                scope["user"] = await database_sync_to_async(_user_from_token)(token)
                scope["mizan_token"] = token
            except MizanRequestError as error:
                await close_with(receive, send, 4401, error.message)
                return
        await self.app(scope, receive, send)


def _user_from_token(token: str) -> Any:
    from mizan_django.auth import user_from_token

    return user_from_token(token)


async def current_user(scope: dict[str, Any]) -> Any:
    """The socket's user now, not at the handshake: the token is verified again
    (it may have expired: ``MizanRequestError`` 401) and the session re-read
    (it may have been logged out: ``AnonymousUser``)."""
    token = scope.get("mizan_token")
    if token is not None:
        return await database_sync_to_async(_user_from_token)(token)
    session = scope.get("session")
    if session is not None:
        return await database_sync_to_async(_session_user)(session.session_key)
    return scope.get("user")


def _session_user(session_key: str | None) -> Any:
    """Read the session afresh (the handshake's copy is cached in memory)."""
    from importlib import import_module

    from django.contrib.auth import get_user
    from django.http import HttpRequest

    request = HttpRequest()
    request.session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    return get_user(request)
