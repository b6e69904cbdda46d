"""Positions and paths between Mizan's world and LSP's.

Mizan diagnostics are 1-based (`line`, `column`) with an exclusive end, and
name files relative to the configuration root; LSP ranges are 0-based with an
exclusive end and name files by URI. Columns: Mizan counts code points; LSP
(UTF-16 by default) counts a character outside the BMP (an emoji) as two. So
a range that follows such a character on the same line is off by one per
character, in both directions. Known and left: identifiers never contain one
and comments or strings before a declaration on its own line are rare.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path, to_fs_path

from mizan_core.rules import Diagnostic

__all__ = ["SOURCE", "lsp_diagnostic", "lsp_range", "path_to_uri", "resolve_file", "uri_to_path"]

SOURCE = "mizan"

_SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
             "information": types.DiagnosticSeverity.Information}


def uri_to_path(uri: str) -> Path | None:
    """The resolved file path of a `file:` URI, None for other schemes."""
    fs = to_fs_path(uri)
    if fs is None or not uri.startswith("file:"):
        return None
    return Path(fs).resolve()


def path_to_uri(path: Path) -> str:
    uri: str | None = from_fs_path(str(path))  # pygls leaves it unannotated
    assert uri is not None  # absolute local paths always convert
    return uri


def resolve_file(root: Path, file: str) -> Path:
    """The absolute path of a diagnostic's `file` (relative to the config root)."""
    path = Path(file)
    return (path if path.is_absolute() else root / path).resolve()


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
