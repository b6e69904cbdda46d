"""`mizan check` on real code: trees with thousands of modules and little Mizan.

- the Django package installed in the venv (about 880 files, 159k lines, no
  Mizan code), copied to a scratch folder so that nothing is written into
  the venv;
- a generated real-like tree (tests/bench/realtree.py): about 1,000 modules
  saying `self.client`, `api_client`, `admin.register` and `hooks.register`,
  with one Mizan module, `views.py`;
- except with --quick: 3,000 modules, 800k lines, five Mizan modules (a
  `views.py`, a `models.py` that every module imports a model from), in
  three rounds.

Each tree is measured in interleaved rounds: cold `mizan check` (no cache),
warm `mizan check` (nothing changed), and the peer, `python -m compileall
-q -f` of the same tree, each in a fresh process. Reported: the median, and
the range over the rounds in brackets.

On the 3,000-file tree (the 1,000-file one with --quick) each round also
starts the language server (`python -m mizan_lsp`, driven as
tests/bench/bench_lsp.py drives it) on the tree with no cache: the time
from `initialize` sent to the indexing `$/progress` end, and the number of
progress reports received between its begin and its end.

Targets: cold at most 1.0x compileall on the ~1,000-file tree and under
1.5 s on the Django package; warm at most 0.2 s; the 3,000-file tree cold
under 3 s, and its language server index under 3 s with more than one
progress report.
"""

from __future__ import annotations

import asyncio
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django

from ._report import Row
from .bench_lsp import start, stop
from .realtree import write_tree

_AREA = "realcode"


def _timed(argv: list[str], cwd: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one run in a fresh process: on a loaded machine
    the CPU time is the steadier of the two."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, check=False, capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {done.stdout[-1000:]}{done.stderr[-2000:]}")
    return elapsed, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def _copy_django(dest: Path) -> Path:
    """The installed Django package's sources (no compiled or data files)."""
    source = Path(django.__path__[0])

    def ignore(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if n == "__pycache__"
                or (not n.endswith(".py") and not os.path.isdir(os.path.join(folder, n)))]

    shutil.copytree(source, dest / "django", ignore=ignore)
    return dest


def _lsp_index(tree: Path) -> tuple[float, int]:
    """(seconds from initialize to the index's progress end, progress reports)."""
    async def once() -> tuple[float, int]:
        server = await start(tree)
        await stop(server.editor)
        return server.seconds, server.reports

    return asyncio.run(once())


def _spread(runs: list[float]) -> str:
    return f"[{min(runs):.2f}-{max(runs):.2f}]"


def _measure(name: str, tree: Path, rounds: int, cold_target: float | None,
             ratio_target: float | None, lsp: bool = False) -> list[Row]:
    cwd = tree.parent
    check = [sys.executable, "-m", "mizan_core.cli", "check", str(tree)]
    compile_all = [sys.executable, "-m", "compileall", "-q", "-f", str(tree)]
    runs: dict[str, list[tuple[float, float]]] = {"cold": [], "warm": [], "peer": []}
    index: list[tuple[float, int]] = []
    for _ in range(rounds):
        shutil.rmtree(tree / ".mizan_cache", ignore_errors=True)  # the cache lives in the root
        runs["cold"].append(_timed(check, cwd))
        runs["peer"].append(_timed(compile_all, cwd))
        runs["warm"].append(_timed(check, cwd))
        if lsp:
            shutil.rmtree(tree / ".mizan_cache", ignore_errors=True)
            index.append(_lsp_index(tree))
    cold, warm, peer = ([r[0] for r in runs[k]] for k in ("cold", "warm", "peer"))
    cpu = {k: [r[1] for r in v] for k, v in runs.items()}
    c, w, p = (statistics.median(r) for r in (cold, warm, peer))
    files = sum(1 for _ in tree.rglob("*.py"))
    targets = []
    if ratio_target is not None:
        targets.append(f"<= {ratio_target:.1f}x")
    if cold_target is not None:
        targets.append(f"< {cold_target:.1f} s")
    ok = (ratio_target is None or c / p <= ratio_target) and \
        (cold_target is None or c < cold_target)
    lsp_rows = []
    if index:
        seconds = [r[0] for r in index]
        fewest = min(r[1] for r in index)
        i = statistics.median(seconds)
        lsp_rows = [
            Row(_AREA, f"language server index, cold, {name} {_spread(seconds)}", i, "s",
                "cold check", i / c, "< 3.0 s", i < 3.0),
            Row(_AREA, f"  progress reports during it (fewest of {len(index)} runs)", fewest, "",
                target="> 1", ok=fewest > 1),
        ]
    return [
        Row(_AREA, f"cold check, {name} ({files} files) {_spread(cold)}", c, "s",
            "compileall", c / p, ", ".join(targets), ok),
        Row(_AREA, f"warm check, {name} {_spread(warm)}", w, "s", target="<= 0.2 s", ok=w <= 0.2),
        Row(_AREA, f"compileall -q -f, {name} {_spread(peer)}", p, "s"),
        *(Row(_AREA, f"  CPU: {what}, {name} {_spread(cpu[key])}", statistics.median(cpu[key]),
              "s") for key, what in (("cold", "cold check"), ("warm", "warm check"),
                                     ("peer", "compileall"))),
        *lsp_rows,
    ]


def run(quick: bool) -> list[Row]:
    rounds = 2 if quick else 5
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="mizan-bench-realcode-") as tmp:
        rows += _measure("Django package", _copy_django(Path(tmp) / "django-tree"), rounds,
                         cold_target=1.5, ratio_target=None)
        tree = write_tree(Path(tmp) / "real-1000", 1000, 230_000, 1)
        rows += _measure("real-like, one views.py", tree, rounds,
                         cold_target=None, ratio_target=1.0, lsp=quick)
        if not quick:
            tree = write_tree(Path(tmp) / "real-3000", 3000, 800_000, 5)
            rows += _measure("real-like 800k lines, 5 Mizan", tree, 3,
                             cold_target=3.0, ratio_target=None, lsp=True)
    return rows
