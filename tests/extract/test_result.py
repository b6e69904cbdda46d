"""`IndexResult` is a frozen value: what a language-server thread holds cannot
change under it, and what it derives on first use is derived once."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from mizan_core.extract import ProjectIndex

SOURCE = '''\
from mizan_django import client, register


@client
def ping(request) -> int:
    return 1


register(ping, "ping")
'''


def test_a_result_cannot_be_changed_and_derives_its_ir_once(tmp_path: Path) -> None:
    (tmp_path / "shop.py").write_text(SOURCE)
    index = ProjectIndex([tmp_path], display_root=tmp_path)
    result = index.build()
    with pytest.raises(AttributeError, match="immutable"):
        result.diagnostics = ()
    with pytest.raises(AttributeError, match="immutable"):
        del result.paths
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(result.ir)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [f.name for f in result.ir.functions] == ["ping"]
    assert result.ir is result.ir and all(ir == result.ir for ir in seen)
    # A later update is a new value; the one held before still says what it said.
    index.update_file(tmp_path / "shop.py", SOURCE.replace('"ping")', '"pong")'))
    assert [f.name for f in result.ir.functions] == ["ping"]
    assert [f.name for f in index.result.ir.functions] == ["pong"]
