"""The quick fixes of `mizan-no-affects`: declare the `affects=` the
diagnostic suggests (the contexts reading the same models, best first), or
`affects=()` ("this write changes nothing a client shows").

The edit goes into the function's `@client` decorator, found from the
snapshot's `FunctionSite` (its decorator span), never by re-parsing: a bare
`@client` becomes `@client(affects=...)`, a call gets one more argument
before its closing parenthesis.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from mizan_core.extract import IndexResult
from mizan_core.rules.no_affects import suggested_affects
from mizan_core.rules.sites import FunctionSite

from .._cursor import offset_of
from ._lookup import site_at

__all__ = ["no_affects_actions"]

_SILENCE = "affects=()"


def no_affects_actions(snapshot: IndexResult, path: Path, uri: str, text: str,
                       diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    start = diagnostic.range.start
    site = site_at(snapshot, path, start.line, start.character)
    if site is None:
        return []
    suggested = suggested_affects(diagnostic.message)
    choices = [(f"Declare {suggested}", suggested)] if suggested else []
    choices.append(("Declare affects=() (no client shows what it changes)", _SILENCE))
    actions = []
    for rank, (title, argument) in enumerate(choices):
        edit = _insert_argument(site, text, argument)
        if edit is None:
            return []
        actions.append(types.CodeAction(
            title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
            is_preferred=rank == 0, edit=types.WorkspaceEdit(changes={uri: [edit]})))
    return actions


def _insert_argument(site: FunctionSite, text: str, argument: str) -> types.TextEdit | None:
    span = site.decorator_span
    start = offset_of(text, span.line - 1, span.column - 1)
    end = offset_of(text, span.end_line - 1, span.end_column - 1)
    if start is None or end is None or end <= start:
        return None
    written = text[start:end]
    if written.endswith(")") and "(" in written:
        inner = written[written.index("(") + 1:-1]
        new = argument if not inner.strip() else \
            (" " if inner.rstrip().endswith(",") else ", ") + argument
        at = types.Position(line=span.end_line - 1, character=span.end_column - 2)
        return types.TextEdit(range=types.Range(start=at, end=at), new_text=new)
    at = types.Position(line=span.end_line - 1, character=span.end_column - 1)
    return types.TextEdit(range=types.Range(start=at, end=at), new_text=f"({argument})")
