"""Run a channel's user code the way it was written: ``async def`` awaited,
plain methods in a worker thread with the database connection managed.

A worker thread of a pool, not Channels' default single thread per process
(``thread_sensitive=True``): there, one slow ``authorize`` or ``receive``
holds up every other socket of the process."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from channels.db import database_sync_to_async

__all__ = ["call_user_code"]


async def call_user_code(method: Callable[..., Any], *args: Any) -> Any:
    if inspect.iscoroutinefunction(method):
        return await method(*args)
    return await database_sync_to_async(method, thread_sensitive=False)(*args)
