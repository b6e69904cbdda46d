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

Server code sends through ``group_send``: delivery is best effort, so a layer
that fails or hangs (Redis killed, paused, cut off) costs a sender at most
``SEND_TIMEOUT`` and is then left alone for ``RETRY_AFTER``, never an error.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from typing import Any

from django.conf import settings

from mizan_django.conf import channel_layer_redis_url

__all__ = ["RETRY_AFTER", "SEND_TIMEOUT", "get_layer", "group_send", "in_memory",
           "layer_warnings"]

logger = logging.getLogger("mizan_django.channels")

#: Seconds a send may wait for the layer (a hung Redis never answers).
SEND_TIMEOUT = 1.0
#: Seconds a failed layer is left alone: its sends are dropped (and logged) meanwhile.
RETRY_AFTER = 1.0
_down_until = 0.0

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


async def group_send(group: str, event: dict[str, Any]) -> bool:
    """Send ``event`` to ``group``; False (logged) when the layer failed or is left alone."""
    global _down_until
    if _down_until and time.monotonic() < _down_until:
        logger.warning("channel layer unavailable: a message to %s was dropped", group)
        return False
    try:
        await asyncio.wait_for(get_layer().group_send(group, event), SEND_TIMEOUT)
    except Exception as error:  # noqa: BLE001  (a send is best effort: the sender goes on)
        _down_until = time.monotonic() + RETRY_AFTER
        logger.warning("channel layer unavailable, a message to %s was dropped: %r", group, error)
        return False
    _down_until = 0.0
    return True


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
