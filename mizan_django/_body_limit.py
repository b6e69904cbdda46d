"""``MIZAN_MAX_BODY_BYTES`` enforced before Django reads a body under ASGI.

Django's ASGI handler spools the whole body to a temporary file before any
view runs, so a limit checked in the view comes after the bytes were taken.
For a path that resolves to one of Mizan's views, a declared
``Content-Length`` over the limit is answered 413 at once, and a body sent
without one (chunked) stops being read one chunk past the limit. Other paths
pass untouched: their limits are the project's.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.urls import Resolver404, resolve

from mizan_django.conf import config
from mizan_django.errors import MizanRequestError, error_response

__all__ = ["BodyLimit"]


class _TooLarge(Exception):
    """The body went past the limit while Django was reading it."""


def _is_mizan_path(scope: dict[str, Any]) -> bool:
    path = scope.get("path", "")
    root = scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root):]
    try:
        match = resolve(path or "/")
    except Resolver404:
        return False
    return str(getattr(match.func, "__module__", "")).startswith("mizan_django.")


def _declared_length(scope: dict[str, Any]) -> int | None:
    for key, value in scope.get("headers", ()):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # Django and the server judge a malformed header
    return None


async def _refuse(send: Any, limit: int) -> None:
    response = error_response(MizanRequestError.payload_too_large(limit))
    headers = [(name.lower().encode("latin1"), value.encode("latin1"))
               for name, value in response.items()]
    headers.append((b"content-length", str(len(response.content)).encode()))
    headers.append((b"connection", b"close"))  # the unread rest of the body is not wanted
    await send({"type": "http.response.start", "status": response.status_code,
                "headers": headers})
    await send({"type": "http.response.body", "body": response.content})


class BodyLimit:
    """ASGI middleware around Django's app; see the module docstring."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") != "http" or not _is_mizan_path(scope):
            await self.app(scope, receive, send)
            return
        try:
            limit = config().max_body_bytes
        except ImproperlyConfigured:  # the call answers it (500 misconfigured) before it runs
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            await _refuse(send, limit)
            return
        received = 0
        started = False

        async def limited_receive() -> Any:
            nonlocal received
            message = await receive()
            if message.get("type") == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge
            return message

        async def watched_send(message: Any) -> None:
            nonlocal started
            if message.get("type") == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, watched_send)
        except _TooLarge:
            if not started:  # always so: Django reads the body before it answers
                await _refuse(send, limit)
