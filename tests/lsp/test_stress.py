"""A thousand rapid edits, typed one character at a time (incremental sync,
no debounce, so analyses overlap and most are dropped as outdated): the
editor ends with exactly the diagnostics of the final text, and never saw
findings for an older version after a newer one."""

from __future__ import annotations

import random

import pytest
from lsprotocol import types

from mizan_core.config import load_config
from mizan_core.extract import ProjectIndex
from mizan_lsp._convert import lsp_range

from ._workspace import ORDERS, ORDERS_PY

pytestmark = pytest.mark.asyncio

TAIL = '''

@client(affects=["cart", "current_usr"])
def remove_item(request, cart_id: int, sku) -> int:
    raise NotImplementedError


@client(affects="checkout")
def apply_coupon(request, cart_id: int, code: str) -> int:
    raise NotImplementedError


register(remove_item, "remove_item")
register(apply_coupon, "apply_coupon")
'''


def _insert(editor, version: int, line: int, character: int, text: str) -> None:
    editor.client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=editor.uri(ORDERS_PY),
                                                            version=version),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=line, character=character),
                              end=types.Position(line=line, character=character)),
            text=text)]))


def _delete_before(editor, version: int, line: int, character: int) -> None:
    editor.client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=editor.uri(ORDERS_PY),
                                                            version=version),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=line, character=character - 1),
                              end=types.Position(line=line, character=character)),
            text="")]))


async def test_a_thousand_rapid_changes_end_on_the_final_texts_diagnostics(start_editor, shop) -> None:
    editor = await start_editor(shop, options={"debounceMs": 0})
    editor.open(ORDERS_PY)
    await editor.diagnostics(ORDERS_PY, version=1)
    rng = random.Random(8)
    text, version = ORDERS, 1
    line, character = ORDERS.count("\n"), 0
    typed = 0
    while version < 1001:
        # Type the tail character by character, with the odd typo taken back.
        char = TAIL[typed % len(TAIL)] if typed < len(TAIL) else " "
        version += 1
        if rng.random() < 0.1 and character > 0 and version < 1000:
            _delete_before(editor, version, line, character)
            text = text[:-1]
            character -= 1
            typed -= 1
            continue
        _insert(editor, version, line, character, char)
        text += char
        typed += 1
        if char == "\n":
            line, character = line + 1, 0
        else:
            character += 1
    assert version == 1001

    final = await editor.diagnostics(ORDERS_PY, version=version)
    # Versions the editor saw only go forward.
    seen = [p.version for p in editor.published if p.uri == editor.uri(ORDERS_PY)]
    assert seen == sorted(seen)

    # The same text checked in-process from disk is the expectation.
    (shop / ORDERS_PY).write_text(text)
    config = load_config(cwd=shop)
    target = (shop / ORDERS_PY).resolve()
    result = ProjectIndex(list(config.static_paths), display_root=config.root).build()
    expected = sorted(
        ((d.code, lsp_range(d.line, d.column, d.end_line, d.end_column), d.message)
         for d in result.for_file(target)), key=repr)
    assert sorted(((d.code, d.range, d.message) for d in final), key=repr) == expected
    assert expected, "the final text has findings; an empty list would prove nothing"
