"""The stat table: a warm run reads only the files whose `stat` changed, and
never takes a changed file for an unchanged one."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from mizan_core.extract import ProjectIndex, fingerprint
from mizan_core.extract._files import digest
from mizan_core.extract._tree import FileTable

CLIENTS = """\
from mizan_core import client, register


@client(affects="cart")
def add_item(request, cart_id: int) -> int:
    return cart_id


register(add_item, "add_item")
"""

_HOUR_AGO = time.time() - 3600


def _settle(*paths: Path) -> None:
    """Times safely in the past, as for files nobody touched lately. (The
    change time cannot be set back, so the table is fooled only by what can be.)"""
    for path in paths:
        os.utime(path, (_HOUR_AGO, _HOUR_AGO))


def _project(root: Path) -> Path:
    (root / "shop").mkdir(parents=True)
    (root / "shop" / "__init__.py").write_text("")
    (root / "shop" / "clients.py").write_text(CLIENTS)
    (root / "shop" / "models.py").write_text("x = 1\n")
    return root


def _clock_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the table see the files as settled although they were just written:
    the scan's clock runs an hour ahead (the change time cannot be set back)."""
    monkeypatch.setattr("mizan_core.extract._tree.time_ns",
                        lambda real=time.time_ns: real() + 3600 * 10**9)


def test_an_unchanged_file_is_not_read_again_and_keeps_its_digest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path / "p")
    cache = tmp_path / "cache"
    first = FileTable(cache)
    _clock_ahead(monkeypatch)
    read = first.read([root])
    assert all(f.data is not None for f in read)
    first.save()

    again = FileTable(cache).read([root])
    assert [f.data for f in again] == [None] * 3
    assert [(f.module, f.digest) for f in again] == [
        (f.module, digest(Path(f.path).read_bytes())) for f in read]


def test_a_file_rewritten_with_the_same_size_and_times_is_read_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path / "p")
    models = root / "shop" / "models.py"
    cache = tmp_path / "cache"
    _clock_ahead(monkeypatch)
    table = FileTable(cache)
    table.read([root])
    table.save()

    models.write_text("y = 2\n")  # same size
    _settle(models)  # and the old modification time: only the change time tells
    found = {f.module: f for f in FileTable(cache).read([root])}
    assert found["shop.models"].data == b"y = 2\n"
    assert found["shop.models"].digest == digest(b"y = 2\n")
    assert found["shop.clients"].data is None


def test_a_file_written_just_now_is_not_trusted_from_its_stat(tmp_path: Path) -> None:
    """Two writes in one tick of a coarse clock leave the same times: a file
    changed within the last seconds is hashed on every run until it settles."""
    root = _project(tmp_path / "p")
    cache = tmp_path / "cache"
    table = FileTable(cache)
    table.read([root])
    table.save()
    assert all(f.data is not None for f in FileTable(cache).read([root]))


def test_a_warm_build_sees_an_edit_that_keeps_size_and_mtime(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path / "p")
    clients = root / "shop" / "clients.py"
    _clock_ahead(monkeypatch)
    cache = tmp_path / "cache"
    cold = ProjectIndex([root], cache_dir=cache, display_root=root).build()
    assert [d.code for d in cold.diagnostics] == ["mizan-affects"]  # no context `cart`

    clients.write_text(CLIENTS.replace('affects="cart"', 'affects="crt!"'))  # same size
    _settle(clients)
    warm = ProjectIndex([root], cache_dir=cache, display_root=root)
    result = warm.build()
    assert not warm._pending  # not answered from the result cache
    assert "crt!" in result.diagnostics[0].message
    assert warm.fingerprint == fingerprint([root], root)
