"""Parsing out of this process: a module read in a helper process
(`IsolatedReader`) gives the facts read here, and a cancel or close ends a
long read at once; inside `parse_elsewhere()` a cold index leaves its files
to the helpers."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from mizan_core.extract._parallel import read_modules
from mizan_core.extract.isolated import Cancelled, IsolatedReader, parse_elsewhere
from mizan_core.extract.module import read_module

from ._hostile import GOOD, MIZAN_HEAD

# Implicit string concatenations: one node for Python, ten for libcst, which
# takes several seconds on this (about 300 kB).
_LINE = "X_%06d = (" + " ".join(['"a"'] * 10) + ")\n"
SLOW = MIZAN_HEAD + "".join(_LINE % i for i in range(300_000 // len(_LINE % 0)))


def test_the_facts_are_those_read_here() -> None:
    reader = IsolatedReader()
    try:
        job = (GOOD, "shop.ping", False)
        assert reader.read(object(), job) == read_module(*job)
        assert reader.read(object(), job) == read_module(*job)  # the same helper, again
    finally:
        reader.close()


def _read_in_thread(reader: IsolatedReader, ticket: object) -> tuple[threading.Thread, list[object]]:
    out: list[object] = []

    def run() -> None:
        try:
            out.append(reader.read(ticket, (SLOW, "shop.slow", False)))
        except Cancelled as exc:
            out.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, out


def test_a_cancelled_read_ends_at_once_and_the_next_read_works() -> None:
    reader = IsolatedReader()
    ticket = object()
    try:
        thread, out = _read_in_thread(reader, ticket)
        time.sleep(1)  # the helper is parsing
        reader.cancel(object())  # another ticket: not this read
        started = time.monotonic()
        reader.cancel(ticket)
        thread.join(10)
        assert time.monotonic() - started < 2
        assert len(out) == 1 and isinstance(out[0], Cancelled)
        job = (GOOD, "shop.ping", False)
        assert reader.read(object(), job) == read_module(*job)
    finally:
        reader.close()


def test_a_read_cancelled_with_a_grace_ends_if_it_can_and_keeps_the_helper() -> None:
    reader = IsolatedReader()
    job = (GOOD, "shop.ping", False)
    try:
        reader.read(object(), job)  # the helper is up
        helper = reader._helper
        ticket = object()
        out: list[object] = []
        thread = threading.Thread(target=lambda: out.append(reader.read(ticket, job)))
        thread.start()
        reader.cancel(ticket, grace=5)  # far more than the read takes
        thread.join(10)
        assert out == [read_module(*job)]
        time.sleep(0.1)
        assert reader._helper is helper and helper is not None and helper.poll() is None
    finally:
        reader.close()


def test_a_read_cancelled_with_a_grace_that_outlasts_it_is_killed() -> None:
    reader = IsolatedReader()
    ticket = object()
    try:
        thread, out = _read_in_thread(reader, ticket)
        time.sleep(1)  # the helper is parsing (several seconds)
        started = time.monotonic()
        reader.cancel(ticket, grace=0.3)
        thread.join(10)
        took = time.monotonic() - started
        assert 0.3 <= took < 2
        assert len(out) == 1 and isinstance(out[0], Cancelled)
    finally:
        reader.close()


def test_close_ends_a_read_and_refuses_the_next() -> None:
    reader = IsolatedReader()
    thread, out = _read_in_thread(reader, object())
    time.sleep(1)
    started = time.monotonic()
    reader.close()
    thread.join(10)
    assert time.monotonic() - started < 2
    assert len(out) == 1 and isinstance(out[0], Cancelled)
    with pytest.raises(Cancelled):
        reader.read(object(), (GOOD, "shop.ping", False))


def test_inside_parse_elsewhere_this_process_leaves_the_files_to_the_helpers(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No helper can start (a broken interpreter path: the fault cannot be
    caused otherwise), so nothing is parsed while this process is asked not
    to; on leaving, its own thread reads every file."""
    monkeypatch.setattr("mizan_core.extract._parallel._worker_count", lambda: 2)
    monkeypatch.setattr("mizan_core.extract._parallel.sys.executable", str(tmp_path / "nope"))
    jobs = [(GOOD, f"shop.ping{i}", False) for i in range(60)]
    seen: list[tuple[int, int]] = []
    out: list[object] = []
    with parse_elsewhere():
        thread = threading.Thread(target=lambda: out.extend(
            read_modules(jobs, lambda done, total: seen.append((done, total)))))
        thread.start()
        thread.join(1)
        assert thread.is_alive() and not seen
    thread.join(30)
    assert out == [read_module(*job) for job in jobs]
