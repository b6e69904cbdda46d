"""Parse many files on every core on a cold start.

libcst parsing is the cost of a cold export (no cache yet): with more than a
few dozen files to read and more than one core, the files are split over
forked worker processes, which already have libcst imported. Forking is only
done from a single-threaded process (a fork while other threads hold locks can
deadlock the child), and only where `fork` exists; otherwise files are read in
this process. Results are identical either way: `read_module` is a pure
function of (text, module, is_package).

`MIZAN_WORKERS=N` caps the workers: a caller that already keeps a core busy
(the mypy plugin builds the index beside mypy) sets it to 1 so the two do
not fight over the same cores.
"""

from __future__ import annotations

import multiprocessing
import os
import threading

from .facts import ModuleFacts
from .module import read_module

__all__ = ["read_modules"]

Job = tuple[str, str, bool]  # (text, module, is_package)
_MIN_JOBS = 40


def _read(job: Job) -> ModuleFacts:
    return read_module(*job)


def _worker_count() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        cap = int(os.environ.get("MIZAN_WORKERS", "8"))
    except ValueError:
        cap = 8
    return max(1, min(cores, cap, 8))


def read_modules(jobs: list[Job]) -> list[ModuleFacts]:
    workers = _worker_count()
    if len(jobs) < _MIN_JOBS or workers < 2 or threading.active_count() > 1 \
            or "fork" not in multiprocessing.get_all_start_methods():
        return [_read(job) for job in jobs]
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_read, jobs, chunksize=max(1, len(jobs) // (workers * 4)))
    except OSError:  # no processes allowed here: read them in this one
        return [_read(job) for job in jobs]
