"""A cold start parses on every core, from a threaded host too (the language
server): the facts are the same as read in one process, in order, with
progress told as files are done."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mizan_core.extract._parallel import read_modules
from mizan_core.extract.module import read_module

from ._golden import PROJECTS


def _jobs() -> list[tuple[str, str, bool]]:
    jobs = []
    for path in sorted(PROJECTS.rglob("*.py")):
        rel = path.relative_to(PROJECTS).with_suffix("")
        is_package = rel.name == "__init__"
        parts = rel.parts[1:-1] if is_package else rel.parts[1:]
        if parts and all(p.isidentifier() for p in parts):
            jobs.append((path.read_text(), ".".join(parts), is_package))
    return jobs


@pytest.mark.parametrize("threaded", [False, True])
def test_facts_read_on_every_core_are_those_read_here(threaded: bool,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mizan_core.extract._parallel._worker_count", lambda: 2)
    jobs = _jobs()
    assert len(jobs) >= 40  # enough to be split
    seen: list[tuple[int, int]] = []
    out: list[object] = []

    def run() -> None:
        out.extend(read_modules(jobs, lambda done, total: seen.append((done, total))))

    if threaded:  # as on the language server's index thread: no fork
        thread = threading.Thread(target=run)
        thread.start()
        thread.join()
    else:
        run()
    assert out == [read_module(*job) for job in jobs]
    assert seen and seen[-1] == (len(jobs), len(jobs))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_helper_that_cannot_start_leaves_its_share_to_this_process(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A broken interpreter path (the fault cannot be caused otherwise): the
    helpers die at once and every file is still read, here."""
    monkeypatch.setattr("mizan_core.extract._parallel._worker_count", lambda: 2)
    monkeypatch.setattr("mizan_core.extract._parallel.sys.executable", str(tmp_path / "nope"))
    jobs = _jobs()
    out: list[object] = []
    thread = threading.Thread(target=lambda: out.extend(read_modules(jobs)))
    thread.start()
    thread.join()
    assert out == [read_module(*job) for job in jobs]


_HAND_BACK = """
from unittest import mock
from mizan_core.extract._cache import CODEC
from mizan_core.extract._parallel import read_modules
from tests.extract.test_parallel import _jobs

jobs = _jobs()
with mock.patch("mizan_core.extract._parallel._worker_count", lambda: 2):
    encoded = []
    out = read_modules(jobs, None, encoded)
assert len(encoded) == len(jobs), len(encoded)
assert all(raw is not None for raw in encoded)
assert [CODEC.loads(raw) for raw in encoded if raw is not None] == out
with mock.patch("mizan_core.extract._parallel._worker_count", lambda: 1):
    here = []
    assert read_modules(jobs, None, here) == out
assert here == [None] * len(jobs)  # read in this process: encoded when saved
print("ok")
"""


def test_forked_workers_hand_back_each_modules_cache_section() -> None:
    """The parent stores what the workers encoded instead of encoding every
    module again when it writes the cache; the section decodes to the facts.
    In a fresh interpreter, single-threaded as `mizan ir` is: a process with
    other threads (this test run's) reads through helper interpreters, and
    must not fork."""
    done = subprocess.run([sys.executable, "-c", _HAND_BACK], capture_output=True, text=True,
                          timeout=120, check=False, cwd=Path(__file__).parents[2])
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-3000:]
