"""Every document `mizan ir --format` and `manage.py export_mizan_ir --format` print.

Both commands render through `render_ir`, so the same IR gives the same bytes.
"""

from __future__ import annotations

from mizan_core.ir import ProjectIR, dumps_json, dumps_kdl

from .manifest import dumps_manifest
from .openapi import DEFAULT_BASE, dumps_openapi

__all__ = ["BASE_HELP", "IR_FORMATS", "render_ir"]

IR_FORMATS: tuple[str, ...] = ("kdl", "json", "openapi", "manifest")
BASE_HELP = (f"where mizan_django.urls is mounted, for --format openapi|manifest "
             f"(default {DEFAULT_BASE})")


def render_ir(ir: ProjectIR, fmt: str, base: str = DEFAULT_BASE) -> str:
    """Raises ValueError for an unknown format or a base that is not a URL path."""
    if fmt == "kdl":
        return dumps_kdl(ir)
    if fmt == "json":
        return dumps_json(ir)
    if fmt == "openapi":
        return dumps_openapi(ir, base)
    if fmt == "manifest":
        return dumps_manifest(ir, base)
    raise ValueError(f"unknown format {fmt!r}: one of {', '.join(IR_FORMATS)}")
