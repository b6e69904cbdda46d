"""Code actions: "did you mean" for an unknown affects target."""

from __future__ import annotations

import pytest
from lsprotocol import types

from ._workspace import ORDERS, ORDERS_PY

pytestmark = pytest.mark.asyncio


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    lines = text.splitlines(keepends=True)
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        assert edit.range.start.line == edit.range.end.line
        line = lines[edit.range.start.line]
        lines[edit.range.start.line] = (line[:edit.range.start.character] + edit.new_text
                                        + line[edit.range.end.character:])
    return "".join(lines)


async def test_did_you_mean_fixes_a_typo_in_affects(start_editor, shop) -> None:
    editor = await start_editor(shop)
    editor.open(ORDERS_PY)
    typo = ORDERS.replace('"current_user"', '"curent_user"')
    version = editor.change(ORDERS_PY, typo)
    found = [d for d in await editor.diagnostics(ORDERS_PY, version=version)
             if d.code == "mizan-affects"]
    assert len(found) == 1

    actions = await editor.client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri(ORDERS_PY)),
        range=found[0].range, context=types.CodeActionContext(diagnostics=found)))
    assert actions, "no quick fix offered"
    best = actions[0]
    assert best.title == 'Did you mean "current_user"?'
    assert best.kind == types.CodeActionKind.QuickFix and best.is_preferred
    fixed = _apply(typo, best.edit.changes[editor.uri(ORDERS_PY)])
    assert fixed == ORDERS

    # Applying it clears the diagnostic.
    version = editor.change(ORDERS_PY, fixed)
    assert [d for d in await editor.diagnostics(ORDERS_PY, version=version)
            if d.code == "mizan-affects"] == []


async def test_no_suggestion_for_a_name_like_nothing_known(start_editor, shop) -> None:
    editor = await start_editor(shop)
    editor.open(ORDERS_PY)
    version = editor.change(ORDERS_PY, ORDERS.replace('affects="cart"', 'affects="zzzzzz"'))
    found = [d for d in await editor.diagnostics(ORDERS_PY, version=version)
             if d.code == "mizan-affects"]
    actions = await editor.client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri(ORDERS_PY)),
        range=found[0].range, context=types.CodeActionContext(diagnostics=found)))
    assert not actions
