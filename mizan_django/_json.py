"""Safe JSON reading for request bodies and query values.

Hostile JSON must end in a 400, never a 500: the stdlib parser raises
``RecursionError`` near depth 1000, accepts ``NaN``/``Infinity``, reads a
number too large for a float (``1e400``) as infinity, and keeps the last of
duplicate keys. Here the size is checked before the body is read, nesting is
bounded by :data:`MAX_DEPTH`, and all four are refused with ``invalid_json``.
(A huge *integer* is valid JSON and fine for an ``int``; a ``float``
parameter refuses it while validating: ``_plan``, ``allow_inf_nan=False``.)
The parsed value is only used to check the shape; pydantic validates the
same bytes in strict JSON mode afterwards.
"""

from __future__ import annotations

import json
import math
from typing import Any

from mizan_django.errors import MizanRequestError

__all__ = ["MAX_DEPTH", "check_json", "parse_json"]

#: Deepest nesting of arrays/objects accepted in a request.
MAX_DEPTH = 64


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:40]} is not a finite number")
    return value


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r}")
            seen.add(key)
    return result


_decoder = json.JSONDecoder(object_pairs_hook=_no_duplicates, parse_constant=_no_constants,
                            parse_float=_finite_float)


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            node = node.values()
        elif not isinstance(node, list):
            continue
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, level + 1) for child in node)
    return deepest


def parse_json(data: bytes | str) -> Any:
    """Parse one JSON document or raise ``MizanRequestError`` (400 ``invalid_json``)."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    # Cheap guard first: a document with few brackets cannot be deep.
    may_be_deep = text.count("[") + text.count("{") > MAX_DEPTH
    try:
        start = len(text) - len(text.lstrip(" \t\r\n"))
        value, end = _decoder.raw_decode(text, start)
        if text[end:].strip(" \t\r\n"):
            raise ValueError("extra data after the JSON value")
    except RecursionError:
        raise MizanRequestError.invalid_json(f"JSON nested deeper than {MAX_DEPTH} levels") from None
    except ValueError as error:
        raise MizanRequestError.invalid_json(f"the body is not valid JSON: {error}") from None
    if may_be_deep and _depth(value) > MAX_DEPTH:
        raise MizanRequestError.invalid_json(f"JSON nested deeper than {MAX_DEPTH} levels")
    return value


def check_json(data: bytes) -> dict[str, Any]:
    """A request body that must be a JSON object of arguments."""
    try:
        value = parse_json(data)
    except UnicodeDecodeError:
        raise MizanRequestError.invalid_json("the body is not UTF-8") from None
    if not isinstance(value, dict):
        raise MizanRequestError.invalid_json("the body must be a JSON object of arguments")
    return value
