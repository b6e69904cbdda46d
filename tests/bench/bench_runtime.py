"""Django runtime: requests per second through Django's handler, in-process.

The same echo function served by a bare Django view (``JsonResponse``),
django-ninja and Mizan, measured in one run; and a Mizan context (one SQLite
aggregate query over 20,000 rows) served from the cache against computing it.
The Django process is a subprocess (``_runtime_worker``) so its settings
stay out of the other benchmarks.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ._report import Row

ROOT = Path(__file__).resolve().parents[2]


def measure(quick: bool) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, "-m", "tests.bench._runtime_worker", *(["--quick"] if quick else [])],
        cwd=ROOT, capture_output=True, text=True, timeout=900, check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    figures: dict[str, float] = json.loads(proc.stdout.splitlines()[-1])
    return figures


def run(quick: bool) -> list[Row]:
    f = measure(quick)
    vs_bare, vs_ninja, hit = f["mizan"] / f["bare"], f["mizan"] / f["ninja"], f["hit"] / f["compute"]
    return [
        Row("runtime", "echo: bare Django view (JsonResponse)", f["bare"], "r/s"),
        Row("runtime", "echo: django-ninja", f["ninja"], "r/s"),
        Row("runtime", "echo: Mizan vs bare Django", f["mizan"], "r/s", "bare", vs_bare,
            ">= 0.90x", vs_bare >= 0.9),
        Row("runtime", "echo: Mizan vs django-ninja", f["mizan"], "r/s", "ninja", vs_ninja,
            ">= 1.00x", vs_ninja >= 1.0),
        Row("runtime", "context: computed (1 SQLite query)", f["compute"], "r/s"),
        Row("runtime", "context: cache hit vs computed", f["hit"], "r/s", "computed", hit,
            ">= 5x", hit >= 5.0),
    ]
