"""Completion of `affects` targets: inside `affects="..."` and `affects=[...]`
offer every context and every registered function name of the project.

Read from the text before the cursor (the line is usually half-typed and
does not parse) and the latest snapshot in which the file parsed (never
waits for a re-analysis: a completion list must come back while the user is
still typing). Only on an affects target asked before the first index is
complete does it wait, for that index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from .._cursor import affects_at
from .._guard import guarded
from ._summary import context_detail, function_detail

if TYPE_CHECKING:
    from ..language_server import MizanLanguageServer

__all__ = ["register"]


def _empty() -> types.CompletionList:
    return types.CompletionList(is_incomplete=False, items=[])


def register(server: MizanLanguageServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=['"', "'", "[", ",", " "]))
    @guarded("completion", _empty)
    async def complete(ls: MizanLanguageServer, params: types.CompletionParams
                       ) -> types.CompletionList:
        session = ls.session
        if session is None:
            return _empty()
        text = ls.workspace.get_text_document(params.text_document.uri).source
        at = affects_at(text, params.position.line, params.position.character)
        if at is None:
            return _empty()
        # On an affects target while the workspace is indexed (a file opened
        # and typed in at once): the names come with the index, as the code
        # actions' do. Anywhere else the empty answer needs no index.
        await session.built.wait()
        snapshot = session.parsed
        if snapshot is None:
            return _empty()
        ls.trace(f"completion at {params.position.line}:{params.position.character}")
        ir = snapshot.ir
        edit_range = types.Range(start=types.Position(line=at.line, character=at.start),
                                 end=types.Position(line=at.line, character=at.end))
        quote_close = "" if at.closed or not at.quoted else '"'

        def item(name: str, kind: types.CompletionItemKind, detail: str,
                 order: str) -> types.CompletionItem:
            new_text = f"{name}{quote_close}" if at.quoted else f'"{name}"'
            return types.CompletionItem(
                label=name, kind=kind, detail=detail, sort_text=f"{order}{name}",
                filter_text=name if at.quoted else f'"{name}"',
                text_edit=types.TextEdit(range=edit_range, new_text=new_text))

        items = [item(c.name, types.CompletionItemKind.Module, context_detail(c), "0")
                 for c in ir.contexts]
        items += [item(f.name, types.CompletionItemKind.Function, function_detail(f), "1")
                  for f in ir.functions if ir.context(f.name) is None]
        return types.CompletionList(is_incomplete=False, items=items)
