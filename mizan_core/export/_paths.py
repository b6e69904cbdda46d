"""Where each function answers on HTTP, shared by the OpenAPI and manifest emitters."""

from __future__ import annotations

import json
import re
from typing import Any

from mizan_core.ir import Function

__all__ = ["ROUTE_PLACEHOLDER", "call_path", "check_base", "dump_document", "route_path"]

ROUTE_PLACEHOLDER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")
_BASE = re.compile(r"^(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)*$")


def check_base(base: str) -> str:
    """`/api/mizan` as given, `/api/mizan/` and `api/mizan` normalised; `` for the root."""
    normalised = "/" + base.strip("/") if base.strip("/") else ""
    if not _BASE.match(normalised):
        # The value as the user typed it: the normalised one has a slash they never wrote.
        raise ValueError(f"--base {base!r} is not a URL path such as /api/mizan")
    return normalised


def call_path(base: str, fn_name: str) -> str:
    return f"{base}/call/{fn_name}"


def route_path(fn: Function) -> str:
    """A Django route (`/receipt/<int:order_id>/`) as an OpenAPI path template."""
    assert fn.route is not None
    path = ROUTE_PLACEHOLDER.sub(lambda m: "{" + m["name"] + "}", fn.route)
    return path if path.startswith("/") else "/" + path


def dump_document(doc: Any) -> str:
    """Deterministic JSON: the emitters build dicts in a fixed key order."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
