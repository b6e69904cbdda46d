"""From the Python to the frontend: find-references lists the `.tsx` uses of
a function's, a context's, a form's and a channel's generated names, and a
registered function the frontend never uses gets an information hint."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from ._editor import wait_for
from ._frontend import APP, APP_TSX, write_frontend
from ._workspace import CONTEXTS_PY, ORDERS_PY

pytestmark = pytest.mark.asyncio


@pytest.fixture
def frontend(tmp_path: Path) -> Path:
    write_frontend(tmp_path)
    return tmp_path


async def _references(editor, rel: str, needle: str, offset: int = 0) -> list[tuple[int, str]]:
    position = editor.position(rel, needle)
    found = await editor.client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri(rel)),
        position=types.Position(line=position.line, character=position.character + offset),
        context=types.ReferenceContext(include_declaration=False))) or []
    lines = APP.splitlines()
    assert all(loc.uri == editor.uri(APP_TSX) for loc in found)
    return [(loc.range.start.line,
             lines[loc.range.start.line][loc.range.start.character:loc.range.end.character])
            for loc in found]


async def test_references_from_a_function_list_its_tsx_uses(start_editor, frontend) -> None:
    editor = await start_editor(frontend)
    editor.open(ORDERS_PY)
    found = await _references(editor, ORDERS_PY, "def add_item", offset=5)
    assert [name for _, name in found] == ["useAddItem", "callAddItem", "useAddItem",
                                           "callAddItem"]
    assert found[2][0] == APP.splitlines().index("  const add = useAddItem();")


async def test_references_from_a_context_in_affects(start_editor, frontend) -> None:
    editor = await start_editor(frontend)
    editor.open(ORDERS_PY)
    found = await _references(editor, ORDERS_PY, '"cart"', offset=2)
    assert sorted({name for _, name in found}) == ["CartProvider", "cartDetailQueryOptions", "fetchCartDetail"]


async def test_references_from_a_form_and_a_channel(start_editor, frontend) -> None:
    editor = await start_editor(frontend)
    editor.open("backend/shop/forms.py")
    assert {n for _, n in await _references(editor, "backend/shop/forms.py", "ContactForm(")} \
        == {"useContactForm"}
    editor.open("backend/shop/channels.py")
    assert {n for _, n in await _references(editor, "backend/shop/channels.py",
                                            "ChatChannel(")} == {"openChatChannel", "useChatChannel"}


async def test_a_function_the_frontend_never_uses_gets_a_hint(start_editor, frontend) -> None:
    editor = await start_editor(frontend)

    def hints() -> dict[str, list[types.Diagnostic]]:
        latest = {p.uri: p for p in editor.published}
        return {uri.rsplit("/", 1)[-1]: [d for d in p.diagnostics if d.code == "mizan-unused"]
                for uri, p in latest.items()}

    await wait_for(lambda: hints().get("scripts.py"), "the unused hint on scripts.py")
    [hint] = hints()["scripts.py"]
    assert hint.severity == types.DiagnosticSeverity.Information
    assert "`export_orders` is not used by the frontend" in hint.message
    assert hint.range.start.line == 4  # `def export_orders`
    # Used functions get none; checkout is only named in a string and a comment.
    unused = {d.message.split("`")[1] for ds in hints().values() for d in ds}
    assert "add_item" not in unused and "cart_detail" not in unused
    assert "checkout" in unused


async def test_without_frontend_roots_there_is_no_hint_and_no_reference(
        start_editor, shop) -> None:
    editor = await start_editor(shop)
    editor.open(CONTEXTS_PY)
    await editor.diagnostics(CONTEXTS_PY, version=1)
    assert not [d for p in editor.published for d in p.diagnostics if d.code == "mizan-unused"]
    position = editor.position(CONTEXTS_PY, "def cart_detail")
    assert not await editor.client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri(CONTEXTS_PY)),
        position=types.Position(line=position.line, character=position.character + 5),
        context=types.ReferenceContext(include_declaration=False)))


async def test_a_code_lens_counts_the_frontend_uses(start_editor, frontend) -> None:
    editor = await start_editor(frontend)
    editor.open(ORDERS_PY)
    await editor.diagnostics(ORDERS_PY, version=1)
    lenses = await editor.client.text_document_code_lens_async(types.CodeLensParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri(ORDERS_PY))))
    by_line = {lens.range.start.line: lens.command.title for lens in lenses}
    assert by_line == {editor.position(ORDERS_PY, "def add_item").line: "4 uses in the frontend",
                       editor.position(ORDERS_PY, "def checkout").line: "0 uses in the frontend"}


async def test_saving_a_component_that_calls_the_function_clears_its_hint(
        start_editor, frontend) -> None:
    editor = await start_editor(frontend)

    def unused() -> set[str]:
        latest = {p.uri: p for p in editor.published}
        return {d.message.split("`")[1] for p in latest.values() for d in p.diagnostics
                if d.code == "mizan-unused"}

    await wait_for(lambda: "checkout" in unused(), "the hint on checkout")
    editor.open(APP_TSX)
    editor.change(APP_TSX, APP.replace("const add = useAddItem();",
                                       "const add = useAddItem();\n  const pay = useCheckout();"))
    editor.save(APP_TSX)
    await wait_for(lambda: "checkout" not in unused(), "the hint on checkout to go")
    assert "export_orders" in unused()
