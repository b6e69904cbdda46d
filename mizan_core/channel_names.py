"""The public name of a `ReactChannel` subclass, derived from its class name.

Framework-free so the runtime (`mizan_django.channels`) and the static
extractor derive the same name: the class name without a trailing
``Channel``, snake-cased (``ChatChannel`` -> ``chat``, ``LiveStockChannel``
-> ``live_stock``, ``HTTPLogChannel`` -> ``http_log``). The name is the
websocket path segment (``/ws/mizan/channel/chat``) and the registry key.
"""

from __future__ import annotations

import re

__all__ = ["channel_name"]

_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def channel_name(class_name: str) -> str:
    """``ChatChannel`` -> ``chat``; a bare ``Channel`` gives ``""`` (not a valid name)."""
    stem = class_name.removesuffix("Channel") if class_name != "Channel" else ""
    return _BOUNDARY.sub("_", stem).lower()
