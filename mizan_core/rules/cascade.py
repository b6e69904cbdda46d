"""Findings held back while a module the runtime imports does not parse.

What such a module defines, registers and imports is unknown, so a finding
that only says a name is missing (an `affects=` target naming no context, a
function never registered, a type defined nowhere, a module nothing
imports) may be false: its definition may sit in the broken file. As a
compiler does after a parse error, only the syntax error is reported for
them until the file parses; every other finding stands.
"""

from __future__ import annotations

from collections.abc import Iterable

from .catalogue import AFFECTS, UNREACHABLE, UNREGISTERED, UNRESOLVED
from .diagnostic import Diagnostic
from .messages import NAMES_NOTHING, NEVER_REGISTERED

__all__ = ["hold_back", "only_names_unknown"]

# The sentence types.py gives a name that resolves to nothing in the project.
_NOT_DEFINED = "is not defined under the source roots"


def only_names_unknown(finding: Diagnostic) -> bool:
    """Whether `finding` would go away if a missing definition turned up."""
    if finding.code in (UNREGISTERED, UNREACHABLE):
        return True
    if finding.code == AFFECTS:
        return NAMES_NOTHING in finding.message or NEVER_REGISTERED in finding.message
    return finding.code == UNRESOLVED and _NOT_DEFINED in finding.message


def hold_back(findings: Iterable[Diagnostic]) -> list[Diagnostic]:
    """`findings` without those that only say a name is unknown."""
    return [d for d in findings if not only_names_unknown(d)]
