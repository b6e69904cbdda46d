"""Go to definition from an affects target: the function, or every function
of the context."""

from __future__ import annotations

import pytest
from lsprotocol import types

from ._workspace import CONTEXTS_PY, ORDERS_PY

pytestmark = pytest.mark.asyncio


async def _definition(editor, needle: str, offset: int) -> list[types.Location]:
    result = await editor.client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri(ORDERS_PY)),
        position=editor.position(ORDERS_PY, needle, offset)))
    assert isinstance(result, list)
    return result


def _name_range(editor, rel: str, name: str) -> types.Range:
    start = editor.position(rel, f"def {name}(", 4)
    return types.Range(start=start, end=types.Position(line=start.line,
                                                       character=start.character + len(name)))


async def test_a_context_target_goes_to_each_of_its_functions(start_editor, shop) -> None:
    editor = await start_editor(shop)
    editor.open(ORDERS_PY)
    await editor.diagnostics(ORDERS_PY, version=1)
    found = await _definition(editor, 'affects="cart"', len('affects="ca'))
    assert [(loc.uri, loc.range) for loc in found] == [
        (editor.uri(CONTEXTS_PY), _name_range(editor, CONTEXTS_PY, "cart_detail")),
        (editor.uri(CONTEXTS_PY), _name_range(editor, CONTEXTS_PY, "cart_total")),
    ]


async def test_a_global_target_in_a_list_goes_to_the_global_function(start_editor, shop) -> None:
    editor = await start_editor(shop)
    editor.open(ORDERS_PY)
    await editor.diagnostics(ORDERS_PY, version=1)
    found = await _definition(editor, '"current_user"]', 3)
    assert [(loc.uri, loc.range) for loc in found] == [
        (editor.uri(CONTEXTS_PY), _name_range(editor, CONTEXTS_PY, "current_user"))]


async def test_an_unknown_target_has_no_definition(start_editor, shop) -> None:
    editor = await start_editor(shop)
    editor.open(ORDERS_PY)
    text = editor.texts[ORDERS_PY].replace('affects="cart"', 'affects="nowhere"')
    version = editor.change(ORDERS_PY, text)
    await editor.diagnostics(ORDERS_PY, version=version)
    assert await _definition(editor, 'affects="nowhere"', 10) == []
