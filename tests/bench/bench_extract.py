"""Static extraction against the runtime export, on the synthetic project.

For N functions (1000; 200 with --quick) across N/5 modules (tests/bench/synth.py):

- cold static export: `mizan ir` in a fresh process with an empty cache;
- warm static export: `mizan ir` again, nothing changed (the cache answers);
- the same two, with their peer, at 5000 functions (500 with --quick), in
  three rounds;
- one-file update: `ProjectIndex.update_file` on the ~300-line module with an
  edited buffer (what the language server does per keystroke), median;
- the same on a 6,000-line module (three Mizan functions among a thousand
  plain helpers, `tests/bench/bigfile.py`), p50 and p95 of wall and CPU
  time; the peer is the same update with the file read whole (every
  keystroke parses all of it), median;
- the peer: `python manage.py export_mizan_ir` on the same project (Django
  boot, import of every module, registry export), in a fresh process.

Targets: cold <= runtime export (at both sizes); warm <= 1/10 of it; update < 30 ms; on the
6,000-line file p50 < 50 ms and p95 < 150 ms.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mizan_core.extract import ProjectIndex
from mizan_core.extract import module as reader

from ._report import Row, interleaved
from .bigfile import write_big_project
from .synth import BIG_MODULE, write_project


def _timed(argv: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, check=False, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {done.stderr[-2000:]}")
    return elapsed


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _big_updates(root: Path, n: int) -> tuple[list[float], list[float]]:
    """(wall, CPU) seconds of `update_file` on the big module, one edit at a time."""
    path = write_big_project(root)
    index = ProjectIndex([root])
    index.build()
    text = path.read_text()
    wall, cpu = [], []
    for i in range(n):
        edited = text.replace("x = a + b * 500\n", f"x = a + b * 500  # edit {i}\n", 1)
        start, start_cpu = time.perf_counter(), time.process_time()
        index.update_file(path, edited)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def _big_rows(tmp: Path, quick: bool) -> list[Row]:
    wall, cpu = _big_updates(tmp / "big", 40 if quick else 200)
    sizes = reader._CHUNKED_FROM, reader._CHUNKED_AGAIN_FROM
    reader._CHUNKED_FROM = reader._CHUNKED_AGAIN_FROM = 1 << 60  # the peer: read whole
    try:
        whole, _ = _big_updates(tmp / "big_whole", 3 if quick else 10)
    finally:
        reader._CHUNKED_FROM, reader._CHUNKED_AGAIN_FROM = sizes
    lines = (tmp / "big" / "app" / "views.py").read_text().count("\n")
    peer = statistics.median(whole)
    p50, p95 = _percentile(wall, 0.50), _percentile(wall, 0.95)
    what = f"one-file update, {lines}-line file, {len(wall)} edits"
    return [
        Row("extract", f"{what}, p50", p50 * 1000, "ms", "whole-file read", p50 / peer,
            "< 50 ms", p50 < 0.050),
        Row("extract", f"{what}, p95", p95 * 1000, "ms", "whole-file read", p95 / peer,
            "< 150 ms", p95 < 0.150),
        Row("extract", f"{what}, CPU time p50", _percentile(cpu, 0.50) * 1000, "ms"),
        Row("extract", f"{what}, CPU time p95", _percentile(cpu, 0.95) * 1000, "ms"),
        Row("extract", f"the same update reading the whole file (peer), median of {len(whole)}",
            peer * 1000, "ms"),
    ]


def _export_rows(project: Path, n: int, rounds: int) -> list[Row]:
    """Cold and warm `mizan ir` against the runtime export, interleaved."""
    cwd = project.parent
    static = [sys.executable, "-m", "mizan_core.cli", "ir", str(project), "-o", "/dev/null"]
    runtime = [sys.executable, "manage.py", "export_mizan_ir", "-o", "/dev/null"]

    def cold_run() -> float:
        shutil.rmtree(project / ".mizan_cache", ignore_errors=True)  # the cache lives in the source root
        return _timed(static, cwd)

    # In this order each round: the warm run reads the cache its round's cold run wrote.
    runs = interleaved({"cold": cold_run, "warm": lambda: _timed(static, cwd),
                        "runtime": lambda: _timed(runtime, project)}, rounds)
    cold, warm, peer = (runs[k].median for k in ("cold", "warm", "runtime"))
    manage = "manage.py export_mizan_ir"
    return [
        Row("extract", f"runtime export ({manage}), {n} functions {runs['runtime'].spread(1000, 0)}",
            peer * 1000, "ms"),
        Row("extract", f"cold static export (mizan ir, empty cache), {n} fn {runs['cold'].spread(1000, 0)}",
            cold * 1000, "ms", manage, cold / peer, "<= 1.0x", cold <= peer),
        Row("extract", f"warm static export (mizan ir, cache), {n} fn {runs['warm'].spread(1000, 0)}",
            warm * 1000, "ms", manage, warm / peer, "<= 0.10x", warm <= peer / 10),
    ]


def run(quick: bool) -> list[Row]:
    n, n_large = (200, 500) if quick else (1000, 5000)
    repeat = 3 if quick else 5
    with tempfile.TemporaryDirectory(prefix="mizan-bench-") as tmp:
        project = write_project(Path(tmp) / "project", n)
        exports = _export_rows(project, n, repeat)

        index = ProjectIndex([project])
        index.build()
        big = project / BIG_MODULE
        text = big.read_text()
        lines = text.count("\n")
        updates = []
        for i in range(40):
            edited = text.replace("raise NotImplementedError",
                                  f"raise NotImplementedError  # edit {i}", 1)
            start = time.perf_counter()
            index.update_file(big, edited)
            updates.append(time.perf_counter() - start)
        update = statistics.median(updates)
        big_rows = _big_rows(Path(tmp), quick)
        large = write_project(Path(tmp) / "large" / "project", n_large)
        exports_large = _export_rows(large, n_large, 3)

    return [
        *exports,
        Row("extract", f"one-file update, {lines}-line file, median of 40", update * 1000, "ms",
            "", None, "< 30 ms", update < 0.030),
        *big_rows,
        *exports_large,
    ]
