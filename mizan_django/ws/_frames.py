"""Websocket frames are read with the HTTP body's rules (`mizan_django._json`:
no NaN/Infinity, no duplicate keys, bounded depth) plus a size bound."""

from __future__ import annotations

import json
from typing import Any

from mizan_django._json import parse_json
from mizan_django.errors import MizanRequestError

__all__ = ["MAX_FRAME_BYTES", "dumps", "loads_frame"]

MAX_FRAME_BYTES = 1024 * 1024


def loads_frame(text: str | bytes | None) -> dict[str, Any] | None:
    """The frame as a dict, or None when it is not an acceptable JSON object."""
    if text is None or len(text) > MAX_FRAME_BYTES:
        return None
    try:
        value = parse_json(text)
    except (MizanRequestError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
