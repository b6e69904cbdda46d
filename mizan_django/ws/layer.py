"""The channel layer that carries channel messages and live invalidation between
consumers and processes.

Three ways, first match wins:

1. ``CHANNEL_LAYERS`` in settings (Django Channels' own setting): used as is.
2. ``MIZAN_CHANNEL_LAYER_REDIS_URL``, else ``MIZAN_CACHE_REDIS_URL`` (one Redis
   setting serves the cache, channels and pushes): a ``channels_redis`` layer
   on that server, so every process shares groups.
3. Neither: an in-memory layer. It reaches only consumers of the same
   process, which is right for one development server and wrong for several
   workers, or for a push sent from a shell or a task (``layer_warnings``).
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings

from mizan_django.conf import channel_layer_redis_url

__all__ = ["get_layer", "in_memory", "layer_warnings"]

IN_MEMORY = "channels.layers.InMemoryChannelLayer"


def _redis_url() -> str | None:
    return channel_layer_redis_url()


def _fallback() -> Any:
    url = _redis_url()
    if url:
        from channels_redis.core import RedisChannelLayer

        # A consumer waits in a blocking pop of `brpop_timeout` seconds; redis-py's
        # default read timeout (5 s in redis-py 8) equals it, and a reply that
        # lands just after makes the read fail and the socket close. Read longer.
        return RedisChannelLayer(hosts=[{"address": url,
                                         "socket_timeout": 3 * RedisChannelLayer.brpop_timeout}])
    from channels.layers import InMemoryChannelLayer

    return InMemoryChannelLayer()


def get_layer() -> Any:
    """The process's channel layer (created on first use)."""
    from channels.layers import channel_layers, get_channel_layer

    if not getattr(settings, "CHANNEL_LAYERS", None) and "default" not in channel_layers.backends:
        channel_layers.set("default", _fallback())
    return get_channel_layer()


def in_memory() -> bool:
    """True when the default layer would reach only this process."""
    configured = getattr(settings, "CHANNEL_LAYERS", None)
    if configured:
        return str(configured.get("default", {}).get("BACKEND", "")) == IN_MEMORY
    return not _redis_url()


def layer_warnings() -> list[str]:
    """Why the in-memory layer looks wrong here: a process cannot know how many
    siblings it has, so "more than one process" is read from the signs a
    deployment leaves: ``DEBUG`` off, or ``WEB_CONCURRENCY`` above 1 (gunicorn,
    uvicorn and most platforms read or set it)."""
    if not in_memory():
        return []
    reasons = []
    if not getattr(settings, "DEBUG", False):
        reasons.append("DEBUG is off")
    concurrency = os.environ.get("WEB_CONCURRENCY", "")
    if concurrency.isdigit() and int(concurrency) > 1:
        reasons.append(f"WEB_CONCURRENCY={concurrency}")
    return reasons
