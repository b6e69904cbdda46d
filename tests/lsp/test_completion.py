"""Completion of affects targets: every context and registered name, inside
`affects="..."` and `affects=[...]`, also on half-typed lines."""

from __future__ import annotations

import pytest
from lsprotocol import types

from ._workspace import ORDERS, ORDERS_PY

pytestmark = pytest.mark.asyncio

NAMES = {"cart", "global", "add_item", "checkout", "cart_detail", "cart_total", "current_user"}


async def _complete(editor, rel: str, text: str, cursor: str) -> types.CompletionList:
    """Put `text` in the buffer and complete at the `|` in `cursor` (found in text)."""
    marker = cursor.index("|")
    version = editor.change(rel, text)
    await editor.diagnostics(rel, version=version)
    position = editor.position(rel, cursor.replace("|", ""), marker)
    result = await editor.client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri(rel)), position=position))
    assert isinstance(result, types.CompletionList)
    return result


async def test_inside_an_affects_string(start_editor, shop) -> None:
    editor = await start_editor(shop)
    editor.open(ORDERS_PY)
    text = ORDERS.replace('affects="cart"', 'affects="ca"')
    result = await _complete(editor, ORDERS_PY, text, 'affects="ca|"')
    labels = {item.label for item in result.items}
    # Contexts and registered functions.
    assert labels == NAMES
    cart = next(i for i in result.items if i.label == "cart")
    assert cart.kind == types.CompletionItemKind.Module and "context" in (cart.detail or "")
    # The edit replaces the typed prefix, inside the quotes.
    line = editor.position(ORDERS_PY, 'affects="ca"').line
    start = editor.position(ORDERS_PY, 'affects="ca"', len('affects="')).character
    assert cart.text_edit.range == types.Range(
        start=types.Position(line=line, character=start),
        end=types.Position(line=line, character=start + 2))
    assert cart.text_edit.new_text == "cart"
    add_item = next(i for i in result.items if i.label == "add_item")
    assert add_item.kind == types.CompletionItemKind.Function


async def test_inside_an_affects_list_on_a_half_typed_line(start_editor, shop) -> None:
    editor = await start_editor(shop)
    editor.open(ORDERS_PY)
    # The line is unfinished: no closing quote, bracket or parenthesis.
    text = ORDERS.replace('@client(affects=["cart", "current_user"])', '@client(affects=["cart", "cu')
    result = await _complete(editor, ORDERS_PY, text, '["cart", "cu|')
    by_label = {item.label: item for item in result.items}
    assert set(by_label) >= NAMES
    assert by_label["current_user"].text_edit.new_text == 'current_user"'  # closes the string


async def test_nothing_is_offered_outside_affects(start_editor, shop) -> None:
    editor = await start_editor(shop)
    editor.open(ORDERS_PY)
    result = await _complete(editor, ORDERS_PY, ORDERS, 'register(add_item, "add_|item")')
    assert not result.items
