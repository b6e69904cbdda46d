"""The one catalogue of Mizan diagnostics, read by `mizan check`, the mypy
plugin and the language server alike.

Codes are stable: users silence them by name (`# type: ignore[mizan-affects]`,
`disable_error_code`), so a code is never renamed or reused.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

__all__ = [
    "AFFECTS", "ASYNC", "AUTH", "CATALOGUE", "CONTEXT_PARAMS", "DUPLICATE", "GLOBAL_PARAMS", "NO_AFFECTS",
    "REQUEST",
    "REV", "ROUTE", "STALE", "SYNTAX", "UNREACHABLE", "UNREGISTERED", "UNRESOLVED", "UNSERIALIZABLE",
    "UNTYPED", "UNUSED",
    "Rule", "Severity", "rule",
]

Severity = Literal["error", "warning", "information"]


# A named tuple, not a dataclass: every mypy run imports the catalogue (the
# plugin's error codes), and a dataclass costs that run about ten times more
# to create.
class Rule(NamedTuple):
    code: str
    severity: Severity
    summary: str  # when it fires, one line (docs/diagnostics.md repeats it)


AFFECTS = "mizan-affects"
UNREGISTERED = "mizan-unregistered"
DUPLICATE = "mizan-duplicate"
REQUEST = "mizan-request"
UNTYPED = "mizan-untyped"
UNSERIALIZABLE = "mizan-unserializable"
GLOBAL_PARAMS = "mizan-global-params"
CONTEXT_PARAMS = "mizan-context-params"
ROUTE = "mizan-route"
AUTH = "mizan-auth"
REV = "mizan-rev"
UNRESOLVED = "mizan-unresolved"
STALE = "mizan-stale"
UNREACHABLE = "mizan-unreachable"
NO_AFFECTS = "mizan-no-affects"
# Not in the design contract's table: the language server's hint that nothing
# in the configured frontend uses a function (only the LSP reports it).
UNUSED = "mizan-unused"
# Not in the design contract's table: `@client` on an `async def` (or an async
# generator), which the runtime decorator refuses when the module is imported.
ASYNC = "mizan-async"
# Not in the design contract's table: a file that does not parse. Reported once
# per file so the rest of the project is still checked.
SYNTAX = "mizan-syntax"

CATALOGUE: dict[str, Rule] = {r.code: r for r in (
    Rule(AFFECTS, "error", "an `affects` target names no context and no registered @client function"),
    Rule(UNREGISTERED, "warning", "a @client function is never registered"),
    Rule(DUPLICATE, "error", "two functions, forms or channels register the same public name"),
    Rule(REQUEST, "error", "the first parameter is missing or is not named `request`"),
    Rule(UNTYPED, "error", "a parameter (besides `request`) or the return has no annotation"),
    Rule(UNSERIALIZABLE, "error", "a parameter or return type cannot cross JSON"),
    Rule(GLOBAL_PARAMS, "error", "a context=\"global\" function takes parameters"),
    Rule(CONTEXT_PARAMS, "error", "functions of one named context disagree on a shared parameter's type"),
    Rule(ROUTE, "error", "route= placeholders and parameters disagree, or a route function does not "
                         "return an HttpResponse"),
    Rule(AUTH, "error", "auth= is not True, \"staff\", \"superuser\" or a callable"),
    Rule(REV, "error", "rev= is not a positive integer literal"),
    Rule(UNRESOLVED, "warning", "a type cannot be resolved from source; it becomes `unknown` in TypeScript"),
    Rule(STALE, "warning", "the generated TypeScript on disk differs from what the current source generates"),
    Rule(UNREACHABLE, "warning", "a @client function, form or channel lives in a module the runtime never "
                                 "imports (`mizan_clients` imports `clients`, `forms`, `channels`)"),
    Rule(NO_AFFECTS, "warning", "a function writes through the ORM (`save`, `create`, `update`, `delete`, "
                                "`bulk_*`, `get_or_create`, `update_or_create`, m2m `add`/`remove`/"
                                "`set`/`clear`), directly or through a helper of the project, but "
                                "declares no `affects`"),
    Rule(UNUSED, "information", "a registered function's generated names are used nowhere in the "
                                "configured frontend (language server only)"),
    Rule(ASYNC, "error", "a @client function is an `async def`, which the server refuses when the "
                         "module is imported; write a plain `def`"),
    Rule(SYNTAX, "error", "a Python file does not parse, or is too large or too deeply nested to "
                          "read safely; its definitions are skipped"),
)}


def rule(code: str) -> Rule:
    return CATALOGUE[code]
