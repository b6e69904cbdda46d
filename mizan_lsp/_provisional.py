"""What one file tells by itself, while the workspace is still being indexed.

A cold index of a large workspace takes seconds; the files the editor has
open need not wait for it to show the findings that depend on nothing but
their own text. These are read from the file alone (`check_source`, names
from other modules unresolved) and only the codes whose finding no other
file can change are kept: a syntax error, an `async def` under @client, a
missing or misnamed `request`, a missing annotation, an invalid `auth=` or
`rev=` literal, a parameter of a `context="global"` function. Anything that names another file (an
`affects` target, a type, a registration, a duplicate) waits for the index,
which then publishes the file's full findings.
"""

from __future__ import annotations

from pathlib import Path

from mizan_core.extract import check_source
from mizan_core.rules import Diagnostic
from mizan_core.rules.catalogue import ASYNC, AUTH, GLOBAL_PARAMS, REQUEST, REV, SYNTAX, UNTYPED

__all__ = ["LOCAL_CODES", "local_findings"]

LOCAL_CODES = frozenset({SYNTAX, ASYNC, REQUEST, UNTYPED, AUTH, REV, GLOBAL_PARAMS})


def local_findings(text: str, path: Path) -> tuple[Diagnostic, ...]:
    """The findings of `text` (the buffer of `path`) that hold whatever the
    rest of the workspace says."""
    return tuple(d for d in check_source(text, path) if d.code in LOCAL_CODES)
