"""Positions and diagnostics between Mizan's world and LSP's (files and
URIs: `_paths`).

Mizan diagnostics are 1-based (`line`, `column`) with an exclusive end, and
name files relative to the configuration root; LSP ranges are 0-based with an
exclusive end and name files by URI. Columns: Mizan counts code points; LSP
(UTF-16 by default) counts a character outside the BMP (an emoji) as two. So
a range that follows such a character on the same line is off by one per
character, in both directions. Known and left: identifiers never contain one
and comments or strings before a declaration on its own line are rare.
"""

from __future__ import annotations

from lsprotocol import types

from mizan_core.rules import Diagnostic

__all__ = ["SOURCE", "lsp_diagnostic", "lsp_range"]

SOURCE = "mizan"

_SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
             "information": types.DiagnosticSeverity.Information}


def lsp_range(line: int, column: int, end_line: int, end_column: int) -> types.Range:
    """1-based, end-exclusive -> 0-based, end-exclusive; never negative."""
    return types.Range(
        start=types.Position(line=max(line - 1, 0), character=max(column - 1, 0)),
        end=types.Position(line=max(end_line - 1, 0), character=max(end_column - 1, 0)),
    )


def lsp_diagnostic(diagnostic: Diagnostic) -> types.Diagnostic:
    return types.Diagnostic(
        range=lsp_range(diagnostic.line, diagnostic.column,
                        diagnostic.end_line, diagnostic.end_column),
        message=diagnostic.message,
        severity=_SEVERITY.get(diagnostic.severity, types.DiagnosticSeverity.Error),
        code=diagnostic.code,
        source=SOURCE,
    )
