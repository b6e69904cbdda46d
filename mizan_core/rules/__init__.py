"""Diagnostics: the catalogue of codes and the checks that produce them.

`Diagnostic` loads with its module on first use: the mypy plugin needs only
the catalogue (its error codes) on a run that reports nothing, and making
the dataclass would cost every such run more than the catalogue itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .catalogue import CATALOGUE, Rule, Severity, rule

if TYPE_CHECKING:
    from .diagnostic import Diagnostic

__all__ = ["CATALOGUE", "Diagnostic", "Rule", "Severity", "rule"]


def __getattr__(name: str) -> Any:
    if name == "Diagnostic":
        from .diagnostic import Diagnostic

        globals()[name] = Diagnostic  # asked once: later lookups are plain attribute reads
        return Diagnostic
    raise AttributeError(f"module 'mizan_core.rules' has no attribute {name!r}")
