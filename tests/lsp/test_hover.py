"""Hover: a @client function or an affects target shows its IR summary and
the TypeScript the generator writes for it."""

from __future__ import annotations

import pytest
from lsprotocol import types

from ._workspace import CONTEXTS_PY, ORDERS_PY

pytestmark = pytest.mark.asyncio


async def _hover(editor, rel: str, needle: str, offset: int = 1) -> types.Hover | None:
    return await editor.client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri(rel)),
        position=editor.position(rel, needle, offset)))


async def test_hover_on_a_mutation_shows_its_summary_and_typescript(start_editor, shop) -> None:
    editor = await start_editor(shop)
    editor.open(ORDERS_PY)
    await editor.diagnostics(ORDERS_PY, version=1)
    hover = await _hover(editor, ORDERS_PY, "add_item(request", 2)
    assert hover is not None and hover.contents.kind == types.MarkupKind.Markdown
    text = hover.contents.value
    assert "**add_item** — mutation" in text
    assert "Put one item into the cart." in text
    assert "affects: `cart` (context, scoped by cart_id)" in text
    assert "interface AddItemArgs { cart_id: number; sku: string }" in text
    assert "function callAddItem(args: AddItemArgs, options?: CallOptions): Promise<CartOut>" in text
    assert "function useAddItem(): CallMutationResult<AddItemArgs, CartOut>" in text


async def test_hover_on_the_decorator_line_describes_the_same_function(start_editor, shop) -> None:
    editor = await start_editor(shop)
    editor.open(CONTEXTS_PY)
    await editor.diagnostics(CONTEXTS_PY, version=1)
    hover = await _hover(editor, CONTEXTS_PY, '@client(context="global")')
    assert hover is not None
    assert "**current_user** — global context function" in hover.contents.value
    assert "function useCurrentUser(): QueryResult<UserOut>" in hover.contents.value


async def test_hover_on_an_affects_context_lists_its_functions_and_provider(start_editor, shop) -> None:
    editor = await start_editor(shop)
    editor.open(ORDERS_PY)
    await editor.diagnostics(ORDERS_PY, version=1)
    hover = await _hover(editor, ORDERS_PY, 'affects="cart"', len('affects="c'))
    assert hover is not None
    text = hover.contents.value
    assert "context `cart`" in text
    assert "- `cart_detail` → `CartOut`" in text and "- `cart_total` → `number`" in text
    assert "<CartProvider cart_id={number}>" in text
    start = editor.position(ORDERS_PY, 'affects="cart"', len('affects="'))
    assert hover.range.start == start and hover.range.end.character == start.character + 4


async def test_hover_elsewhere_is_empty(start_editor, shop) -> None:
    editor = await start_editor(shop)
    editor.open(ORDERS_PY)
    await editor.diagnostics(ORDERS_PY, version=1)
    assert await _hover(editor, ORDERS_PY, "raise NotImplementedError") is None
