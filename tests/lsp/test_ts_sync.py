"""TypeScript sync: stale generated output is a `mizan-stale` warning on the
generated file, its quick fix regenerates, and regenerate-on-save keeps the
output in step."""

from __future__ import annotations

import pytest
from lsprotocol import types

from mizan_core.codegen import generate
from mizan_core.config import load_config
from mizan_core.extract import ProjectIndex

from ._editor import wait_for
from ._workspace import ORDERS, ORDERS_PY

pytestmark = pytest.mark.asyncio

OUTPUT = "frontend/src/api"
CALLS = "modules/shop.orders/index.ts"  # where the orders module declares its calls
CHANGED = ORDERS.replace("def checkout(request, cart_id: int) -> int:",
                         "def checkout(request, cart_id: int, coupon: str) -> int:")


def _generate_now(root) -> None:
    config = load_config(cwd=root)
    generate(ProjectIndex(list(config.static_paths)).build().ir, config.output)


def _stale(editor) -> list[types.PublishDiagnosticsParams]:
    """The latest publish of each generated file that carries mizan-stale."""
    latest: dict[str, types.PublishDiagnosticsParams] = {}
    for params in editor.published:
        if f"/{OUTPUT}/" in params.uri:
            latest[params.uri] = params
    return [p for p in latest.values() if any(d.code == "mizan-stale" for d in p.diagnostics)]


async def test_stale_output_is_flagged_and_its_quick_fix_regenerates(start_editor, shop) -> None:
    _generate_now(shop)
    calls = shop / OUTPUT / CALLS
    assert "coupon" not in calls.read_text()
    editor = await start_editor(shop)
    editor.open(ORDERS_PY)
    await editor.diagnostics(ORDERS_PY, version=1)
    assert _stale(editor) == []  # freshly generated: nothing to say

    editor.change(ORDERS_PY, CHANGED)
    editor.save(ORDERS_PY)
    stale = await wait_for(lambda: _stale(editor), "a mizan-stale diagnostic")
    assert any(p.uri.endswith(f"/{CALLS}") for p in stale)
    params = next(p for p in stale if p.uri.endswith(f"/{CALLS}"))
    diagnostic = params.diagnostics[0]
    assert diagnostic.severity == types.DiagnosticSeverity.Warning
    assert "mizan generate" in diagnostic.message

    actions = await editor.client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=params.uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic])))
    assert [a.command.command for a in actions] == ["mizan.generate"]
    written = await editor.client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=actions[0].command.command, arguments=actions[0].command.arguments))
    assert any(name.endswith(CALLS) for name in written)
    assert "coupon: string" in calls.read_text()
    await wait_for(lambda: _stale(editor) == [], "the stale warnings to clear")
    assert any("regenerated" in m.message for m in editor.client.messages)


async def test_regenerate_on_save_keeps_the_output_current(start_editor, shop) -> None:
    _generate_now(shop)
    calls = shop / OUTPUT / CALLS
    editor = await start_editor(shop, options={"debounceMs": 0, "regenerateOnSave": True})
    editor.open(ORDERS_PY)
    await editor.diagnostics(ORDERS_PY, version=1)
    editor.change(ORDERS_PY, CHANGED)
    editor.save(ORDERS_PY)
    await wait_for(lambda: "coupon: string" in calls.read_text(), "the module's calls to be regenerated")
    assert _stale(editor) == []


async def test_a_project_without_generated_output_is_not_nagged(start_editor, shop) -> None:
    editor = await start_editor(shop, options={"debounceMs": 0, "trace": True})
    editor.open(ORDERS_PY)
    editor.change(ORDERS_PY, CHANGED)
    editor.save(ORDERS_PY)
    checked = "TypeScript output checked: nothing generated yet"
    # Once after indexing, once after the save.
    await wait_for(lambda: sum(checked in m.message for m in editor.client.log_messages) >= 2,
                   "the stale check after the save")
    assert _stale(editor) == [] and not (shop / OUTPUT).exists()


async def test_generating_in_a_terminal_clears_the_warning_on_the_watch_event(start_editor, shop) -> None:
    _generate_now(shop)
    editor = await start_editor(shop)
    editor.open(ORDERS_PY)
    editor.change(ORDERS_PY, CHANGED)
    editor.save(ORDERS_PY)
    await wait_for(lambda: _stale(editor), "a mizan-stale diagnostic")
    _generate_now(shop)  # what `mizan generate` in a terminal does
    calls = shop / OUTPUT / CALLS
    editor.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=editor.uri(str(calls.relative_to(shop))),
                        type=types.FileChangeType.Changed)]))
    await wait_for(lambda: _stale(editor) == [], "the stale warnings to clear")
