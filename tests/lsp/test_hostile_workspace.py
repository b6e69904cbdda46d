"""A workspace that was built to attack whoever opens it: the server neither
runs what its cache folder holds nor dies on what its sources hold."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from lsprotocol import types

from tests.extract._hostile import HOSTILE_SOURCES, MIZAN_HEAD, hostile_cache, huge_source

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


async def test_shutdown_and_exit_end_the_server_while_a_1_mb_buffer_is_analysed(
        start_editor, shop: Path) -> None:
    editor = await start_editor(shop)
    editor.open(ORDERS_PY)
    await editor.diagnostics(ORDERS_PY, version=1)
    editor.open("backend/shop/generated.py", _slow_megabyte())
    await asyncio.sleep(1)  # the index thread is inside libcst now
    client, process = editor.client, editor.client._server
    assert process is not None and process.returncode is None
    try:
        # Answered as soon as the event loop gets the GIL back: libcst's
        # native parser keeps it for one stretch of several seconds here.
        await asyncio.wait_for(client.shutdown_async(None), 15)
        client.exit(None)
        started = time.monotonic()
        await asyncio.wait_for(process.wait(), 10)
        ended = time.monotonic() - started
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 0
    # The rest of the analysis (several more seconds) is abandoned, not waited for.
    assert ended < 2, f"the server took {ended:.1f}s to end after exit"
