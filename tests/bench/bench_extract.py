"""Static extraction against the runtime export, on the synthetic project.

For N functions (1000; 200 with --quick) across N/5 modules (tests/bench/synth.py):

- cold static export: `mizan ir` in a fresh process with an empty cache;
- warm static export: `mizan ir` again, nothing changed (the cache answers);
- one-file update: `ProjectIndex.update_file` on the ~300-line module with an
  edited buffer (what the language server does per keystroke), median;
- the peer: `python manage.py export_mizan_ir` on the same project (Django
  boot, import of every module, registry export), in a fresh process.

Targets (issue #3): cold <= runtime export; warm <= 1/10 of it; update < 30 ms.
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

from ._report import Row, interleaved
from .synth import BIG_MODULE, write_project


def _timed(argv: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, check=False, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {done.stderr[-2000:]}")
    return elapsed


def run(quick: bool) -> list[Row]:
    n = 200 if quick else 1000
    repeat = 3 if quick else 5
    with tempfile.TemporaryDirectory(prefix="mizan-bench-") as tmp:
        project = write_project(Path(tmp) / "project", n)
        static = [sys.executable, "-m", "mizan_core.cli", "ir", str(project), "-o", "/dev/null"]
        runtime = [sys.executable, "manage.py", "export_mizan_ir", "-o", "/dev/null"]

        def cold_run() -> float:
            shutil.rmtree(project / ".mizan_cache", ignore_errors=True)  # the cache lives in the source root
            return _timed(static, Path(tmp))

        # In this order each round: the warm run reads the cache its round's cold run wrote.
        runs = interleaved({"cold": cold_run, "warm": lambda: _timed(static, Path(tmp)),
                            "runtime": lambda: _timed(runtime, project)}, repeat)
        cold, warm, peer = (runs[k].median for k in ("cold", "warm", "runtime"))

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

    manage = "manage.py export_mizan_ir"
    return [
        Row("extract", f"runtime export ({manage}), {n} functions {runs['runtime'].spread(1000, 0)}",
            peer * 1000, "ms"),
        Row("extract", f"cold static export (mizan ir, empty cache), {n} fn {runs['cold'].spread(1000, 0)}",
            cold * 1000, "ms", manage, cold / peer, "<= 1.0x", cold <= peer),
        Row("extract", f"warm static export (mizan ir, cache), {n} fn {runs['warm'].spread(1000, 0)}",
            warm * 1000, "ms", manage, warm / peer, "<= 0.10x", warm <= peer / 10),
        Row("extract", f"one-file update, {lines}-line file, median of 40", update * 1000, "ms",
            "", None, "< 30 ms", update < 0.030),
    ]
