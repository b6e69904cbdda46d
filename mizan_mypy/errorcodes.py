"""mypy error codes for the Mizan diagnostics, one per catalogue code.

They are ordinary `mypy.errorcodes.ErrorCode` objects named exactly like the
catalogue's codes, so users treat them like any other mypy code:
`disable_error_code = ["mizan-unregistered"]`, `# type: ignore[mizan-affects]`.
Only the codes that belong to type checking are here: `mizan-unresolved` and
`mizan-stale` are about generated TypeScript and stay with `mizan check`.
"""

from __future__ import annotations

from mypy.errorcodes import ErrorCode

from mizan_core.rules import catalogue

__all__ = [
    "AFFECTS", "ASYNC", "AUTH", "BY_CODE", "CONTEXT_PARAMS", "DUPLICATE", "GLOBAL_PARAMS", "NO_AFFECTS",
    "REQUEST",
    "REV", "ROUTE", "SYNTAX", "UNREACHABLE", "UNREGISTERED", "UNSERIALIZABLE", "UNTYPED",
]

_CATEGORY = "Mizan"


def _code(name: str) -> ErrorCode:
    return ErrorCode(name, catalogue.rule(name).summary, _CATEGORY)


AFFECTS = _code(catalogue.AFFECTS)
UNREGISTERED = _code(catalogue.UNREGISTERED)
DUPLICATE = _code(catalogue.DUPLICATE)
REQUEST = _code(catalogue.REQUEST)
UNTYPED = _code(catalogue.UNTYPED)
UNSERIALIZABLE = _code(catalogue.UNSERIALIZABLE)
GLOBAL_PARAMS = _code(catalogue.GLOBAL_PARAMS)
CONTEXT_PARAMS = _code(catalogue.CONTEXT_PARAMS)
ROUTE = _code(catalogue.ROUTE)
AUTH = _code(catalogue.AUTH)
REV = _code(catalogue.REV)
UNREACHABLE = _code(catalogue.UNREACHABLE)
NO_AFFECTS = _code(catalogue.NO_AFFECTS)
ASYNC = _code(catalogue.ASYNC)
# A file Python parses but Mizan will not read (too deep, too large): mypy
# reports real syntax errors itself.
SYNTAX = _code(catalogue.SYNTAX)

#: Catalogue code -> mypy error code, for the codes mypy reports.
BY_CODE: dict[str, ErrorCode] = {c.code: c for c in (
    AFFECTS, UNREGISTERED, DUPLICATE, REQUEST, UNTYPED, UNSERIALIZABLE, GLOBAL_PARAMS,
    CONTEXT_PARAMS, ROUTE, AUTH, REV, UNREACHABLE, SYNTAX, NO_AFFECTS, ASYNC,
)}
