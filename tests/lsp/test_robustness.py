"""Robustness: half-typed code, a failing feature, cancelled requests."""

from __future__ import annotations

import asyncio
import sys

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcRequestCancelled

from ._workspace import ORDERS, ORDERS_PY

pytestmark = pytest.mark.asyncio

NEW_FUNCTION = '''

@client(affects=["cart", "current_user"], auth=True)
def remove_item(request, cart_id: int, sku: str) -> int:
    """Take one item out."""
    raise NotImplementedError


register(remove_item, "remove_item")
'''


async def test_typing_a_function_prefix_by_prefix_never_breaks_the_server(start_editor, shop) -> None:
    editor = await start_editor(shop)
    editor.open(ORDERS_PY)
    for end in range(0, len(NEW_FUNCTION) + 1, 3):
        text = ORDERS + NEW_FUNCTION[:end]
        editor.change(ORDERS_PY, text)
        if end % 30 == 0:  # ask things mid-way, on whatever half-typed text is there
            position = editor.position(ORDERS_PY, text[-1:] or "f", 0) if text else None
            await editor.client.text_document_completion_async(types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=editor.uri(ORDERS_PY)),
                position=position))
            await editor.client.text_document_hover_async(types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=editor.uri(ORDERS_PY)),
                position=position))
    version = editor.change(ORDERS_PY, ORDERS + NEW_FUNCTION)
    found = await editor.diagnostics(ORDERS_PY, version=version)
    assert found == []
    hover = await editor.client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri(ORDERS_PY)),
        position=editor.position(ORDERS_PY, "def remove_item", 5)))
    assert hover is not None and "remove_item" in hover.contents.value


# The fault: the hover summary raises. Nothing in a real project makes it
# raise (that is the point of the tests above), so this one fault is injected
# by starting the server through a wrapper that replaces the function.
BROKEN_SERVER = """
import mizan_lsp.features.hover as hover
def explode(*args, **kwargs):
    raise RuntimeError("injected fault")
hover.function_markdown = explode
from mizan_lsp.server import main
raise SystemExit(main())
"""


async def test_a_failing_feature_answers_empty_and_the_server_lives_on(start_editor, shop) -> None:
    editor = await start_editor(shop, command=[sys.executable, "-c", BROKEN_SERVER])
    editor.open(ORDERS_PY)
    await editor.diagnostics(ORDERS_PY, version=1)
    hover = await editor.client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri(ORDERS_PY)),
        position=editor.position(ORDERS_PY, "def add_item", 5)))
    assert hover is None
    assert any("hover failed: RuntimeError: injected fault" in m.message
               for m in editor.client.log_messages)
    # Everything else still works.
    version = editor.change(ORDERS_PY, ORDERS.replace('"cart"', '"cartt"'))
    found = await editor.diagnostics(ORDERS_PY, version=version)
    assert any(d.code == "mizan-affects" for d in found)
    definition = await editor.client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri(ORDERS_PY)),
        position=editor.position(ORDERS_PY, '"current_user"', 2)))
    assert definition


async def test_a_cancelled_request_is_not_computed(start_editor, shop) -> None:
    # A long debounce keeps the hover waiting for the new text's analysis;
    # the cancellation arrives while it waits.
    editor = await start_editor(shop, options={"debounceMs": 1500, "trace": True})
    editor.open(ORDERS_PY)
    await editor.diagnostics(ORDERS_PY, version=1)
    version = editor.change(ORDERS_PY, ORDERS + "\n# edited\n")
    params = types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri(ORDERS_PY)),
        position=editor.position(ORDERS_PY, "def add_item", 5))
    request = asyncio.ensure_future(editor.client.protocol.send_request_async(
        types.TEXT_DOCUMENT_HOVER, params, msg_id="hover-to-cancel"))
    await asyncio.sleep(0.2)
    editor.client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id="hover-to-cancel"))
    with pytest.raises(JsonRpcRequestCancelled):
        await request
    await editor.diagnostics(ORDERS_PY, version=version)
    hover = await editor.client.text_document_hover_async(params)  # not cancelled: computed
    assert hover is not None
    computed = [m.message for m in editor.client.log_messages if "hover at" in m.message]
    assert len(computed) == 1
