"""The channel layer that carries channel messages between consumers and processes.

Three ways, first match wins:

1. ``CHANNEL_LAYERS`` in settings (Django Channels' own setting): used as is.
2. ``MIZAN_CHANNEL_LAYER_REDIS_URL = "redis://host:6379/0"``: a
   ``channels_redis`` layer on that server, so every process shares groups.
3. Neither: an in-memory layer. It reaches only consumers of the same
   process, which is right for one development server and wrong for several
   workers (use 1 or 2 there).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

__all__ = ["get_layer"]


def _fallback() -> Any:
    url = getattr(settings, "MIZAN_CHANNEL_LAYER_REDIS_URL", None)
    if url:
        from channels_redis.core import RedisChannelLayer

        return RedisChannelLayer(hosts=[url])
    from channels.layers import InMemoryChannelLayer

    return InMemoryChannelLayer()


def get_layer() -> Any:
    """The process's channel layer (created on first use)."""
    from channels.layers import channel_layers, get_channel_layer

    if not getattr(settings, "CHANNEL_LAYERS", None) and "default" not in channel_layers.backends:
        channel_layers.set("default", _fallback())
    return get_channel_layer()
