"""A workspace that was built to attack whoever opens it: the server neither
runs what its cache folder holds nor dies on what its sources hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.extract._hostile import hostile_cache

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
