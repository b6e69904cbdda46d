"""The `affects` target under the cursor, as the extractor resolved it.

The cursor reader (`_cursor`) finds the name in the text; when the analysed
snapshot has an `AffectsSite` there, its resolution wins (a bare function
object is known by its registered name only to the extractor).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mizan_core.extract import IndexResult
from mizan_core.ir import Function
from mizan_core.rules.sites import FunctionSite

from .._cursor import AffectsCursor, affects_at
from ._lookup import affects_site_at, resolve_target, sites_of

__all__ = ["Target", "target_at"]


@dataclass(frozen=True)
class Target:
    cursor: AffectsCursor
    name: str  # what was written (a name, or a function's Python name)
    kind: str  # "context", "function", or "" when it names nothing known
    functions: list[Function]
    sites: list[FunctionSite]


def target_at(snapshot: IndexResult, path: Path, text: str, line: int, character: int
              ) -> Target | None:
    cursor = affects_at(text, line, character)
    if cursor is None or not cursor.name:
        return None
    item = affects_site_at(snapshot, path, line, character)
    ir = snapshot.ir
    if item is not None and item.target is not None:
        kind, functions = resolve_target(ir, item.target)
    elif item is not None and item.function is not None:
        # A function object that is not registered: no IR entry, but a site.
        sites = [s for s in snapshot.sites if s.key == item.function]
        return Target(cursor, item.text, "function" if sites else "", [], sites)
    elif cursor.quoted:
        kind, functions = resolve_target(ir, cursor.name)
    else:
        return Target(cursor, cursor.name, "", [], [])
    return Target(cursor, cursor.name, kind, functions, sites_of(snapshot, functions))
