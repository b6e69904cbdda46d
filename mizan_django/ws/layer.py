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
A socket joins and leaves groups through ``join`` and ``leave``, bounded the
same way: a subscription the layer did not take in time is refused (the
consumer tells its client), never left hanging. Both are tried whatever
``group_send`` last saw: refusing a subscription costs the user more than a
bounded wait. A consumer listens to the layer through ``LayerListener``: a
failing receive (Redis killed, or this process cut off from it) is retried,
where Channels would end the consumer and drop every socket of the process.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from django.conf import settings

from mizan_django.conf import channel_layer_redis_url

__all__ = ["RETRY_AFTER", "SEND_TIMEOUT", "LayerListener", "get_layer", "group_send",
           "in_memory", "join", "layer_warnings", "leave"]

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


async def join(layer: Any, groups: Iterable[str], channel: str) -> bool:
    """Add ``channel`` to every group, within ``SEND_TIMEOUT``; False (logged, and the
    groups it may have joined left again in the background) when the layer failed or hung."""
    chosen = list(groups)
    try:
        await asyncio.wait_for(
            asyncio.gather(*(layer.group_add(group, channel) for group in chosen)), SEND_TIMEOUT)
    except Exception as error:  # noqa: BLE001  (the caller refuses the subscription)
        logger.warning("channel layer unavailable, %d groups not joined: %r", len(chosen), error)
        task = asyncio.get_running_loop().create_task(leave(layer, chosen, channel))
        _cleanups.add(task)
        task.add_done_callback(_cleanups.discard)
        return False
    return True


async def leave(layer: Any, groups: Iterable[str], channel: str) -> None:
    """Remove ``channel`` from every group, within ``SEND_TIMEOUT`` (logged when the layer
    failed or hung: channels_redis expires a membership after its ``group_expiry``)."""
    chosen = list(groups)
    if not chosen:
        return
    try:
        await asyncio.wait_for(
            asyncio.gather(*(layer.group_discard(group, channel) for group in chosen)),
            SEND_TIMEOUT)
    except Exception as error:  # noqa: BLE001  (a closing socket has nobody to tell)
        logger.warning("channel layer unavailable, %d groups not left: %r", len(chosen), error)


_cleanups: set[asyncio.Task[None]] = set()


class LayerListener:
    """A consumer base whose receive from the channel layer outlives the layer's faults.

    Channels' consumer awaits ``self.channel_receive`` next to the socket, and an
    error from it (a connection Redis or the network dropped) ends the consumer:
    the socket closes without a close frame. Channels assigns that attribute
    before its loop reads it, so the property below puts a retrying receive in
    its place; the socket keeps being served, and hears the layer again once it
    answers (messages sent meanwhile are lost, as the layer's delivery allows)."""

    _layer_receive: Callable[[], Awaitable[dict[str, Any]]]

    @property
    def channel_receive(self) -> Callable[[], Awaitable[dict[str, Any]]]:
        return self._receive_retrying

    @channel_receive.setter
    def channel_receive(self, receive: Callable[[], Awaitable[dict[str, Any]]]) -> None:
        self._layer_receive = receive

    async def _receive_retrying(self) -> dict[str, Any]:
        while True:
            try:
                return await self._layer_receive()
            except Exception as error:  # noqa: BLE001  (the socket outlives the layer's fault)
                logger.warning("channel layer unavailable, receiving again in %s s: %r",
                               RETRY_AFTER, error)
                await asyncio.sleep(RETRY_AFTER)


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
