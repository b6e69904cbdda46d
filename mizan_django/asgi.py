"""``wrap_asgi(app)``: one ASGI application for HTTP and Mizan's websockets.

HTTP goes to Django's ASGI app unchanged. When ``channels`` is installed,
websocket connections go to :func:`websocket_application` (`mizan_django.ws`:
the multiplexed RPC socket and ``ReactChannel`` subscriptions). Without
``channels`` the Django app is returned as is.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from django.core.exceptions import ImproperlyConfigured

__all__ = ["websocket_application", "wrap_asgi"]


def websocket_application(fallback: Any | None = None) -> Any:
    """The ASGI app for websockets: Mizan's paths (``MIZAN_WS_PATH``, default
    ``/ws/mizan/``: ``rpc`` and ``channel/<name>``) behind the origin and
    identity gate, every other path to ``fallback`` (refused when None)."""
    from mizan_django.ws import websocket_app

    return websocket_app(fallback)


def wrap_asgi(django_app: Any, websocket_app: Any | None = None) -> Any:
    """Route ``http`` to ``django_app`` and ``websocket`` to Mizan; a project's
    own ``websocket_app`` keeps every websocket path outside Mizan's."""
    if importlib.util.find_spec("channels") is None:
        if websocket_app is not None:
            raise ImproperlyConfigured(
                "wrap_asgi(websocket_app=...) needs Django Channels: pip install 'mizan[channels]'.")
        return django_app
    from channels.routing import ProtocolTypeRouter

    return ProtocolTypeRouter({
        "http": django_app,
        "websocket": websocket_application(websocket_app),
    })
