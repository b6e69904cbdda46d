"""While a file does not parse, the language server neither flags the generated
TypeScript as stale nor regenerates it on save: the IR lacks what the broken
file declares, so either would be wrong (regenerating would delete its calls)."""

from __future__ import annotations

import pytest

from ._editor import wait_for
from ._workspace import ORDERS, ORDERS_PY
from .test_ts_sync import CALLS, OUTPUT, _generate_now, _stale

pytestmark = pytest.mark.asyncio

BROKEN = ORDERS.replace("def checkout(request, cart_id: int) -> int:",
                        "def checkout(request, cart_id: int -> int:")


async def test_a_syntax_error_neither_flags_nor_regenerates(start_editor, shop) -> None:
    assert BROKEN != ORDERS
    _generate_now(shop)
    calls = shop / OUTPUT / CALLS
    before = calls.read_text()
    editor = await start_editor(shop, options={"debounceMs": 0, "regenerateOnSave": True,
                                               "trace": True})
    editor.open(ORDERS_PY)
    await editor.diagnostics(ORDERS_PY, version=1)
    editor.change(ORDERS_PY, BROKEN)
    editor.save(ORDERS_PY)
    skipped = "TypeScript output not checked: a file has a syntax error"
    await wait_for(lambda: any(skipped in m.message for m in editor.client.log_messages),
                   "the stale check to be skipped")
    assert calls.exists() and calls.read_text() == before
    assert _stale(editor) == []
