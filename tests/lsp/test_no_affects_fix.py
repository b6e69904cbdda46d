"""The `mizan-no-affects` quick fixes, on a copy of the fixture project
tests/projects/no_affects: declare the suggested context, or `affects=()`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lsprotocol import types

from .test_code_actions import _apply

pytestmark = pytest.mark.asyncio

FIXTURE = Path(__file__).resolve().parents[1] / "projects" / "no_affects"
CLIENTS = "fx_orm/clients.py"
PYPROJECT = '[project]\nname = "orm"\nversion = "0"\n\n[tool.mizan]\noutput = "frontend/api"\n\n' \
            '[tool.mizan.source.static]\npaths = ["."]\n'


@pytest.fixture
def orm(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE / "fx_orm", tmp_path / "fx_orm")
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    return tmp_path


async def _fixes(editor, text: str, function: str) -> tuple[types.Diagnostic, list]:
    version = editor.change(CLIENTS, text)
    found = [d for d in await editor.diagnostics(CLIENTS, version=version)
             if d.code == "mizan-no-affects" and f"`{function}`" in d.message]
    assert len(found) == 1, found
    actions = await editor.client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri(CLIENTS)),
        range=found[0].range, context=types.CodeActionContext(diagnostics=found)))
    return found[0], actions


async def test_the_fix_declares_the_context_that_reads_the_model(start_editor, orm) -> None:
    editor = await start_editor(orm)
    editor.open(CLIENTS)
    text = (orm / CLIENTS).read_text()
    diagnostic, actions = await _fixes(editor, text, "close_orders")
    assert diagnostic.severity == types.DiagnosticSeverity.Warning
    assert [a.title for a in actions] == [
        'Declare affects="orders"', "Declare affects=() (no client shows what it changes)"]
    assert actions[0].is_preferred
    fixed = _apply(text, actions[0].edit.changes[editor.uri(CLIENTS)])
    assert '@client(affects="orders")\ndef close_orders(' in fixed

    # Applying it clears the finding; the other writes are still reported.
    version = editor.change(CLIENTS, fixed)
    left = {d.message.split("`")[1] for d in await editor.diagnostics(CLIENTS, version=version)
            if d.code == "mizan-no-affects"}
    assert left == {"rename_cart", "add_item", "tag_items"}


async def test_the_fix_adds_to_a_decorator_call_and_silences(start_editor, orm) -> None:
    editor = await start_editor(orm)
    editor.open(CLIENTS)
    text = (orm / CLIENTS).read_text().replace(
        "@client\ndef add_item(", '@client(auth=True)\ndef add_item(')
    _, actions = await _fixes(editor, text, "add_item")
    assert actions[0].title == 'Declare affects="cart"'  # the write is in a helper module
    suggested = _apply(text, actions[0].edit.changes[editor.uri(CLIENTS)])
    assert '@client(auth=True, affects="cart")\ndef add_item(' in suggested
    silenced = _apply(text, actions[1].edit.changes[editor.uri(CLIENTS)])
    version = editor.change(CLIENTS, silenced)
    assert "`add_item`" not in "".join(
        d.message for d in await editor.diagnostics(CLIENTS, version=version))
