"""From the frontend's TypeScript to the Python: go-to-definition and hover on
each kind of generated name in a `.tsx` file."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from ._frontend import APP, APP_TSX, write_frontend
from ._workspace import CONTEXTS, MODELS, ORDERS

pytestmark = pytest.mark.asyncio


@pytest.fixture
def frontend(tmp_path: Path) -> Path:
    write_frontend(tmp_path)
    return tmp_path


def _at(name: str, nth: int = 0) -> types.Position:
    """Where the `nth` use of `name` in App.tsx starts."""
    index = -1
    for _ in range(nth + 1):
        index = APP.index(name, index + 1)
    line = APP.count("\n", 0, index)
    return types.Position(line=line, character=index - (APP.rfind("\n", 0, index) + 1) + 1)


def _line_of(text: str, needle: str) -> int:
    return text.splitlines().index(next(li for li in text.splitlines() if needle in li))


async def _definition(editor, position: types.Position) -> list[types.Location]:
    return await editor.client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri(APP_TSX)),
        position=position)) or []


@pytest.mark.parametrize(("name", "nth", "file", "needle"), [
    ("useAddItem", 1, "orders.py", "def add_item("),
    ("callAddItem", 1, "orders.py", "def add_item("),
    ("fetchCartDetail", 1, "contexts.py", "def cart_detail("),
    ("useContactForm", 1, "forms.py", "class ContactForm("),
    ("useChatChannel", 1, "channels.py", "class ChatChannel("),
    ("CartOut", 1, "models.py", "class CartOut("),
    ("cartDetailQueryOptions", 0, "contexts.py", "def cart_detail("),
    ("openChatChannel", 0, "channels.py", "class ChatChannel("),
])
async def test_definition_lands_on_the_python_line(start_editor, frontend, name, nth, file,
                                                   needle) -> None:
    editor = await start_editor(frontend)
    editor.open(APP_TSX)
    found = await _definition(editor, _at(name, nth))
    texts = {"orders.py": ORDERS, "contexts.py": CONTEXTS, "models.py": MODELS}
    text = texts.get(file) or (frontend / "backend" / "shop" / file).read_text()
    assert [(loc.uri.rsplit("/", 1)[-1], loc.range.start.line) for loc in found] == \
        [(file, _line_of(text, needle))]


async def test_a_context_provider_lists_the_context_functions(start_editor, frontend) -> None:
    editor = await start_editor(frontend)
    editor.open(APP_TSX)
    found = await _definition(editor, _at("CartProvider", 1))
    assert sorted(loc.range.start.line for loc in found) == sorted(
        [_line_of(CONTEXTS, "def cart_detail("), _line_of(CONTEXTS, "def cart_total(")])


async def test_names_in_strings_comments_and_unknown_names_answer_nothing(
        start_editor, frontend) -> None:
    editor = await start_editor(frontend)
    editor.open(APP_TSX)
    assert await _definition(editor, _at("useCheckout")) == []  # in a comment
    assert await _definition(editor, _at("callCheckout")) == []  # in a string
    assert await _definition(editor, _at("JSX")) == []


async def test_hover_shows_the_python_signature_and_docstring(start_editor, frontend) -> None:
    editor = await start_editor(frontend)
    editor.open(APP_TSX)
    hover = await editor.client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri(APP_TSX)),
        position=_at("useAddItem", 1)))
    assert hover is not None
    assert "def add_item(request, cart_id: int, sku: str) -> CartOut" in hover.contents.value
    assert "Put one item into the cart." in hover.contents.value


async def test_definition_from_the_generated_output_folder(start_editor, frontend) -> None:
    from mizan_core.codegen import generate
    from mizan_core.extract import extract_ir

    output = frontend / "frontend" / "src" / "api"
    generate(extract_ir([frontend / "backend"]).ir, output)
    # The declaration is in its Python module's folder (`calls.ts` re-exports it).
    [declared] = [p for p in output.rglob("*.ts") if "export const callAddItem" in p.read_text()]
    assert declared.relative_to(output).as_posix() == "modules/shop.orders/index.ts"
    rel = declared.relative_to(frontend).as_posix()
    calls = declared.read_text()
    editor = await start_editor(frontend)
    editor.open(rel)
    at = editor.position(rel, "export const callAddItem", offset=14)
    found = await editor.client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri(rel)), position=at))
    assert "callAddItem" in calls
    assert [(loc.uri.rsplit("/", 1)[-1], loc.range.start.line) for loc in found] == \
        [("orders.py", _line_of(ORDERS, "def add_item("))]
