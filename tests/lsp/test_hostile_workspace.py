"""A workspace that was built to attack whoever opens it: the server neither
runs what its cache folder holds nor dies on what its sources hold."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from lsprotocol import types

from tests.extract._hostile import HOSTILE_SOURCES, MIZAN_HEAD, hostile_cache, huge_source

from ._editor import wait_for
from ._workspace import ORDERS, ORDERS_PY

pytestmark = pytest.mark.asyncio


async def test_a_pickle_in_the_cache_folder_is_never_run(start_editor, shop: Path,
                                                         tmp_path_factory: pytest.TempPathFactory) -> None:
    marker = tmp_path_factory.mktemp("outside") / "payload-ran"
    hostile_cache(shop / ".mizan_cache", marker)
    editor = await start_editor(shop)
    editor.open(ORDERS_PY)
    assert await editor.diagnostics(ORDERS_PY, version=1) == []
    version = editor.change(ORDERS_PY, ORDERS.replace('affects="cart"', 'affects="cartt"'))
    found = await editor.diagnostics(ORDERS_PY, version=version)
    assert [d.code for d in found] == ["mizan-affects"]
    assert not marker.exists()


HOSTILE_PY = "backend/shop/hostile.py"


async def test_a_file_that_crashed_the_parser_is_a_finding_at_start_and_on_open(
        start_editor, shop: Path) -> None:
    (shop / HOSTILE_PY).write_text(HOSTILE_SOURCES["brackets"])
    editor = await start_editor(shop)  # indexes the file on disk at start
    editor.open(HOSTILE_PY)
    found = await editor.diagnostics(HOSTILE_PY, version=1)
    assert [(d.code, d.severity) for d in found] == [("mizan-syntax", types.DiagnosticSeverity.Error)]
    # Typed (or pasted) into a buffer: the same, and the server keeps serving.
    editor.open("backend/shop/scratch.py", HOSTILE_SOURCES["chain"])
    assert [d.code for d in await editor.diagnostics("backend/shop/scratch.py", version=1)] == [
        "mizan-syntax"]
    editor.open(ORDERS_PY)
    version = editor.change(ORDERS_PY, ORDERS.replace('affects="cart"', 'affects="cartt"'))
    assert [d.code for d in await editor.diagnostics(ORDERS_PY, version=version)] == ["mizan-affects"]


async def test_a_10_mb_buffer_is_refused_without_stalling_the_server(start_editor, shop: Path) -> None:
    editor = await start_editor(shop)
    editor.open(ORDERS_PY)
    await editor.diagnostics(ORDERS_PY, version=1)
    editor.open("backend/shop/generated.py", huge_source(10))
    found = await editor.diagnostics("backend/shop/generated.py", version=1)
    assert [d.code for d in found] == ["mizan-syntax"] and "too large" in found[0].message
    version = editor.change(ORDERS_PY, ORDERS.replace('affects="cart"', 'affects="cartt"'))
    assert [d.code for d in await editor.diagnostics(ORDERS_PY, version=version)] == ["mizan-affects"]


def _slow_megabyte() -> str:
    """About 1 MB of Python within every bound the extractor enforces, that
    libcst takes about 20 s to read on one core: implicit string
    concatenations are one syntax node for Python and ten for libcst."""
    line = "X_%06d = (" + " ".join(['"a"'] * 10) + ")\n"
    return MIZAN_HEAD + "".join(line % i for i in range(1_000_000 // len(line % 0)))


async def test_requests_shutdown_and_exit_are_answered_at_once_while_a_1_mb_buffer_is_analysed(
        start_editor, shop: Path) -> None:
    editor = await start_editor(shop)
    editor.open(ORDERS_PY)
    await editor.diagnostics(ORDERS_PY, version=1)
    editor.open("backend/shop/generated.py", _slow_megabyte())
    await asyncio.sleep(1)  # libcst is reading it now
    client, process = editor.client, editor.client._server
    assert process is not None and process.returncode is None
    try:
        # The parse runs in a helper process: this one's event loop answers
        # meanwhile (libcst's native parser would keep its GIL for seconds).
        started = time.monotonic()
        hover = await asyncio.wait_for(client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=editor.uri(ORDERS_PY)),
            position=editor.position(ORDERS_PY, "add_item(request", 2))), 15)
        hovered = time.monotonic() - started
        assert hover is not None and "**add_item** — mutation" in hover.contents.value
        started = time.monotonic()
        await asyncio.wait_for(client.shutdown_async(None), 15)
        answered = time.monotonic() - started
        client.exit(None)
        started = time.monotonic()
        await asyncio.wait_for(process.wait(), 10)
        ended = time.monotonic() - started
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 0
    # Half a second on an idle machine; the margin is for a loaded one. The
    # parse takes more than ten seconds, so waiting for it fails either way.
    assert hovered < 1.5, f"hover took {hovered:.1f}s during the parse"
    assert answered < 1.5, f"shutdown took {answered:.1f}s during the parse"
    # The rest of the analysis is abandoned, not waited for.
    assert ended < 2, f"the server took {ended:.1f}s to end after exit"


async def test_a_large_buffer_parsed_aside_gets_its_findings(start_editor, shop: Path) -> None:
    # Ordinary code, large: parsed in the helper, its findings are the same
    # as if it had been parsed here (a mistyped affects target, at the end).
    body = "".join(f"X_{i:06d} = {i}\n" for i in range(7000))
    text = MIZAN_HEAD + body + '\n\n@client(affects="cartt")\ndef late(request) -> int:\n' \
        '    return 1\n\n\nregister(late, "late")\n'
    editor = await start_editor(shop)
    editor.open("backend/shop/generated.py", text)
    found = await editor.diagnostics("backend/shop/generated.py", version=1)
    line = text.count("\n", 0, text.index('@client(affects="cartt")'))
    assert [(d.code, d.range.start.line) for d in found if d.code == "mizan-affects"] == [
        ("mizan-affects", line)]


async def test_a_large_file_opened_as_on_disk_is_read_ahead_for_its_first_change(
        start_editor, shop: Path) -> None:
    # Its facts came from the index, so the open costs nothing; the helper
    # that parses its changes reads it meanwhile and keeps its statements.
    body = "".join(f"X_{i:06d} = {i}\n" for i in range(7000))
    text = MIZAN_HEAD + body + '\n\n@client(affects="cart")\ndef late(request) -> int:\n' \
        '    return 1\n\n\nregister(late, "late")\n'
    (shop / "backend/shop/generated.py").write_text(text)
    editor = await start_editor(shop, options={"debounceMs": 0, "trace": True})
    client = editor.client
    editor.open("backend/shop/generated.py", text)
    assert not [d for d in await editor.diagnostics("backend/shop/generated.py", version=1)
                if d.code == "mizan-affects"]
    await wait_for(lambda: any("read generated.py ahead" in m.message for m in client.log_messages),
                   "the read ahead")
    version = editor.change("backend/shop/generated.py", text.replace('affects="cart"', 'affects="cartt"'))
    found = await editor.diagnostics("backend/shop/generated.py", version=version)
    line = text.count("\n", 0, text.index('@client(affects="cart")'))
    assert [(d.code, d.range.start.line) for d in found if d.code == "mizan-affects"] == [
        ("mizan-affects", line)]


async def test_a_1_mb_buffer_replaced_while_parsed_is_not_waited_for(start_editor, shop: Path) -> None:
    # Pasted, then undone: the parse of the old text (more than ten seconds)
    # is killed, and the new text's findings come at once.
    editor = await start_editor(shop)
    editor.open("backend/shop/generated.py", _slow_megabyte())
    await asyncio.sleep(1)  # libcst is reading it now
    started = time.monotonic()
    version = editor.change("backend/shop/generated.py", ORDERS.replace('affects="cart"', 'affects="cartt"'))
    found = await editor.diagnostics("backend/shop/generated.py", version=version)
    took = time.monotonic() - started
    assert "mizan-affects" in [d.code for d in found]
    assert took < 3, f"the new text waited {took:.1f}s for the old one's parse"
