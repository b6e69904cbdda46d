"""The entry points: `mizan-lsp`, `python -m mizan_lsp` and `mizan lsp` all
start the same server over stdio."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ._workspace import ORDERS, ORDERS_PY

pytestmark = pytest.mark.asyncio

BIN = Path(sys.executable).parent


@pytest.mark.parametrize("command", [
    [str(BIN / "mizan-lsp")],
    [str(BIN / "mizan"), "lsp", "--stdio"],
    [sys.executable, "-m", "mizan_lsp", "--stdio"],
], ids=["mizan-lsp", "mizan lsp", "python -m mizan_lsp"])
async def test_each_entry_point_serves_diagnostics(start_editor, shop, command) -> None:
    editor = await start_editor(shop, command=command)
    editor.open(ORDERS_PY)
    version = editor.change(ORDERS_PY, ORDERS.replace('"cart"', '"cartt"'))
    found = await editor.diagnostics(ORDERS_PY, version=version)
    assert [d.code for d in found] == ["mizan-affects"] * 2  # both "cart" targets
