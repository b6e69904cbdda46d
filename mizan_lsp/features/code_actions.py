"""Quick fixes:

- `mizan-affects`: "did you mean" — replace the unknown target with each of
  the closest context or function names (difflib, like Python's own
  "Did you mean" hints);
- `mizan-stale`: run the `mizan.generate` command, which rewrites the
  generated TypeScript (see `ts_sync`);
- `mizan-no-affects`: declare the suggested `affects=` (see `no_affects_fix`).
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from lsprotocol import types

from mizan_core.rules.catalogue import AFFECTS, NO_AFFECTS, STALE

from .._cursor import offset_of
from .._guard import guarded
from .._paths import uri_to_path
from .no_affects_fix import no_affects_actions
from .ts_sync import GENERATE_COMMAND

if TYPE_CHECKING:
    from mizan_core.ir import ProjectIR

    from ..language_server import MizanLanguageServer

__all__ = ["register", "suggestions"]


def suggestions(ir: ProjectIR, wrong: str, limit: int = 3) -> list[str]:
    known = sorted({c.name for c in ir.contexts} | {f.name for f in ir.functions})
    return difflib.get_close_matches(wrong, known, n=limit, cutoff=0.6)


def _target_range(text: str, r: types.Range) -> tuple[types.Range, str] | None:
    """The name inside the diagnostic's range (without quotes) and its range."""
    if r.start.line != r.end.line:
        return None
    start = offset_of(text, r.start.line, r.start.character)
    end = offset_of(text, r.end.line, r.end.character)
    if start is None or end is None or end <= start:
        return None
    literal = text[start:end]
    inner_start, inner_end = r.start.character, r.end.character
    if len(literal) >= 2 and literal[0] in "\"'" and literal[-1] == literal[0]:
        literal, inner_start, inner_end = literal[1:-1], inner_start + 1, inner_end - 1
    if not literal:
        return None
    line = r.start.line
    return types.Range(start=types.Position(line=line, character=inner_start),
                       end=types.Position(line=line, character=inner_end)), literal


def register(server: MizanLanguageServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix]))
    @guarded("codeAction", list)
    async def code_actions(ls: MizanLanguageServer, params: types.CodeActionParams
                           ) -> list[types.CodeAction]:
        session = ls.session
        if session is None:
            return []
        relevant = [d for d in params.context.diagnostics
                    if d.source == "mizan" and d.code in (AFFECTS, STALE, NO_AFFECTS)]
        if not relevant:
            return []
        await session.built.wait()
        ls.trace(f"codeAction for {len(relevant)} diagnostics")
        uri = params.text_document.uri
        text = ls.workspace.get_text_document(uri).source
        actions: list[types.CodeAction] = []
        for diagnostic in relevant:
            if diagnostic.code == STALE:
                actions.append(types.CodeAction(
                    title="Regenerate the TypeScript client (mizan generate)",
                    kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                    is_preferred=True,
                    command=types.Command(title="Regenerate the TypeScript client",
                                          command=GENERATE_COMMAND)))
                continue
            if diagnostic.code == NO_AFFECTS:
                path = uri_to_path(uri)
                if session.snapshot is not None and path is not None:
                    actions.extend(no_affects_actions(session.snapshot, path, uri, text,
                                                      diagnostic))
                continue
            found = _target_range(text, diagnostic.range)
            if found is None or session.snapshot is None:
                continue
            target_range, wrong = found
            for rank, name in enumerate(suggestions(session.snapshot.ir, wrong)):
                actions.append(types.CodeAction(
                    title=f'Did you mean "{name}"?', kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic], is_preferred=rank == 0,
                    edit=types.WorkspaceEdit(changes={uri: [
                        types.TextEdit(range=target_range, new_text=name)]})))
        return actions
