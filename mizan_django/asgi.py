"""``wrap_asgi(app)``: one ASGI application for HTTP and Mizan's websockets.

HTTP goes to Django's ASGI app, with ``MIZAN_MAX_BODY_BYTES`` enforced on
Mizan's paths before the body is read (``Content-Length`` over the limit:
413 at once; a chunked body: no further than the limit). When ``channels`` is installed,
websocket connections go to :func:`websocket_application` (`mizan_django.ws`:
the multiplexed RPC socket and ``ReactChannel`` subscriptions). Without
``channels`` the Django app is returned as is.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Awaitable, Callable
from typing import Any, TypeAlias

from django.core.exceptions import ImproperlyConfigured

__all__ = ["ASGIApp", "websocket_application", "wrap_asgi"]

#: An ASGI 3 application, ``async (scope, receive, send) -> None``: Django's
#: ``get_asgi_application()``, a Channels router, a Starlette app...
ASGIApp: TypeAlias = Callable[[Any, Any, Any], Awaitable[None]]


def websocket_application(fallback: ASGIApp | None = None) -> ASGIApp:
    """The ASGI app for websockets: Mizan's paths (``MIZAN_WS_PATH``, default
    ``/ws/mizan/``: ``rpc`` and ``channel/<name>``) behind the origin and
    identity gate, every other path to ``fallback`` (refused when None)."""
    from mizan_django.ws import websocket_app

    app: ASGIApp = websocket_app(fallback)
    return app


def wrap_asgi(django_app: ASGIApp, websocket_app: ASGIApp | None = None) -> ASGIApp:
    """Route ``http`` to ``django_app`` and ``websocket`` to Mizan; a project's
    own ``websocket_app`` keeps every websocket path outside Mizan's.

    Outside DEBUG, an error the system checks find (``check_declarations``)
    raises ``ImproperlyConfigured`` here, so an ASGI server importing the
    project's ``asgi.py`` refuses to start, as ``runserver`` does."""
    from django.apps import apps

    if apps.ready:
        from mizan_django.checks import refuse_to_serve_on_errors

        refuse_to_serve_on_errors()
    from mizan_django._body_limit import BodyLimit

    http_app: ASGIApp = BodyLimit(django_app)
    if importlib.util.find_spec("channels") is None:
        if websocket_app is not None:
            raise ImproperlyConfigured(
                "wrap_asgi(websocket_app=...) needs Django Channels: uv add 'mizan-django[channels]'.")
        return http_app
    from channels.routing import ProtocolTypeRouter

    router: ASGIApp = ProtocolTypeRouter({
        "http": http_app,
        "websocket": websocket_application(websocket_app),
    })
    return router
