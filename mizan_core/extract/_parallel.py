"""Parse many files on every core on a cold start.

Parsing is the cost of a cold export (no cache yet): with more than a
few dozen files to read and more than one core, the files are split over
forked worker processes, which already have the reader imported. A process is
forked only while it is single-threaded (a fork while other threads hold
locks can deadlock the child); a threaded one (the language server) starts
helper interpreters instead (`python -c ...`, talking over pipes, so nothing
of the host's `__main__` is re-run in them) and parses alongside them while
they start. Where neither works, files are read in this process.
Results are identical either way: `read_module` is a pure function of (text,
module, is_package).

`MIZAN_WORKERS=N` caps the workers: a caller that already keeps a core busy
(the mypy plugin builds the index beside mypy) sets it to 1 so the two do
not fight over the same cores.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import struct
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from .facts import ModuleFacts

__all__ = ["host_parses", "read_modules", "receive", "send", "start_helper"]

Job = tuple[str, str, bool]  # (text, module, is_package)
_MIN_JOBS = 40
# Cleared while the host's main thread is busy for a moment (the language
# server loading pygls as its index starts): the index thread then leaves
# the files to the helpers until it is set, instead of taking the GIL from
# the main thread for each file libcst reads.
_HOST_FREE = threading.Event()
_HOST_FREE.set()


def host_parses(free: bool) -> None:
    """Whether this process's own thread may parse beside the helpers."""
    (_HOST_FREE.set if free else _HOST_FREE.clear)()


def _read(job: Job) -> ModuleFacts:
    from .module import read_module

    return read_module(*job)


def _read_encoded(job: Job) -> tuple[ModuleFacts, bytes | None]:
    """A forked worker's facts with their cache section: encoded on the
    worker's core, so the parent stores them as they come instead of encoding
    every module again when it writes the cache. The worker ends with the
    build, so nothing is kept for a later read."""
    from .module import read_module

    facts = read_module(*job, once=True)
    from ._cache import CODEC

    try:
        return facts, CODEC.dumps(facts)
    except (TypeError, ValueError, RecursionError):
        return facts, None  # the parent's save finds it cannot store them either


def _worker_count() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        cap = int(os.environ.get("MIZAN_WORKERS", "8"))
    except ValueError:
        cap = 8
    return max(1, min(cores, cap, 8))


def read_modules(jobs: list[Job],
                 progress: Callable[[int, int], None] | None = None,
                 encoded: list[bytes | None] | None = None) -> list[ModuleFacts]:
    """The facts of each job, in order; `progress(done, total)` after each
    batch of files read. `encoded`, when given, gets one item per job: the
    facts' cache section when a forked worker made it, else None."""
    if encoded is not None:
        encoded[:] = [None] * len(jobs)
    workers = _worker_count()
    if len(jobs) < _MIN_JOBS or workers < 2:
        return _here(jobs, progress)
    chunk = max(1, len(jobs) // (workers * 8))
    if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return _helpers(jobs, workers - 1, chunk, progress)
    # The reader is imported before the fork, once (libcst itself loads only
    # where a file needs it: most are read from the standard library's tree).
    from . import module  # noqa: F401
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            out: list[ModuleFacts] = []
            for facts, raw in pool.imap(_read_encoded, jobs, chunksize=chunk):
                if encoded is not None:
                    encoded[len(out)] = raw
                out.append(facts)
                if progress is not None and (len(out) % chunk == 0 or len(out) == len(jobs)):
                    progress(len(out), len(jobs))
            return out
    except OSError:  # no processes allowed here: read them in this one
        return _here(jobs, progress)


def _here(jobs: list[Job], progress: Callable[[int, int], None] | None) -> list[ModuleFacts]:
    out = []
    for job in jobs:
        out.append(_read(job))
        if progress is not None:
            progress(len(out), len(jobs))
    return out


# --- helper interpreters (a threaded host) ----------------------------------------------

_SERVE = "from mizan_core.extract._parallel import _serve; _serve()"
_LENGTH = struct.Struct("<Q")


def _helpers(jobs: list[Job], count: int, chunk: int,
             progress: Callable[[int, int], None] | None) -> list[ModuleFacts]:
    """Parse in this thread and in `count` helper interpreters, a chunk at a
    time each: the helpers take over as soon as they have started, and a
    helper that fails leaves its chunk to this thread."""
    results: list[ModuleFacts | None] = [None] * len(jobs)
    todo = deque(range(0, len(jobs), chunk))
    lock = threading.Lock()
    done = [0]

    def take() -> int | None:
        with lock:
            return todo.popleft() if todo else None

    def finished(start: int, facts: list[ModuleFacts]) -> None:
        results[start:start + len(facts)] = facts
        with lock:
            done[0] += len(facts)
            count_now = done[0]
        if progress is not None:
            progress(count_now, len(jobs))

    def feed(proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdin is not None and proc.stdout is not None
        try:
            while (start := take()) is not None:
                try:
                    send(proc.stdin, jobs[start:start + chunk])
                    facts = pickle.loads(receive(proc.stdout))
                except (OSError, EOFError, pickle.UnpicklingError):
                    with lock:
                        todo.appendleft(start)  # this thread's loop picks it up
                    return
                finished(start, facts)
        finally:
            proc.stdin.close()
            proc.wait()

    threads = []
    for _ in range(count):
        try:
            proc = start_helper()
        except OSError:
            break
        thread = threading.Thread(target=feed, args=(proc,), daemon=True)
        thread.start()
        threads.append(thread)
    while True:
        _HOST_FREE.wait()
        while (start := take()) is not None:
            finished(start, [_read(job) for job in jobs[start:start + chunk]])
        for thread in threads:
            thread.join()
        if not todo:  # a helper that failed gave its chunk back after this loop ended
            break
    return [facts for facts in results if facts is not None]


def start_helper() -> subprocess.Popen[bytes]:
    """A helper interpreter (`_serve`) over pipes; raises OSError when none
    can start. It reads this very package, wherever it was imported from."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(Path(__file__).resolve().parents[2]), *filter(None, [os.environ.get("PYTHONPATH")])])}
    return subprocess.Popen([sys.executable, "-c", _SERVE], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)


def send(stream: IO[bytes], value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def receive(stream: IO[bytes]) -> bytes:
    head = stream.read(_LENGTH.size)
    if len(head) != _LENGTH.size:
        raise EOFError("the helper stopped")
    (length,) = _LENGTH.unpack(head)
    data = stream.read(length)
    if len(data) != length:
        raise EOFError("the helper stopped")
    return data


def _serve() -> None:
    """A helper: chunks of jobs in on stdin, their facts out on stdout, until
    stdin closes. Only its parent talks to it (pipes), so pickle is safe here."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            chunk = pickle.loads(receive(stdin))
        except EOFError:
            return
        send(stdout, [_read(job) for job in chunk])
