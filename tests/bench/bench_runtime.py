"""Django runtime: requests per second through Django's handler, in-process.

The same echo function served by a bare Django view (``JsonResponse``),
django-ninja and Mizan; and a Mizan context (one SQLite
aggregate query over 20,000 rows) served from the cache against computing it.
The Django process is a subprocess (``_runtime_worker``) so its settings
stay out of the other benchmarks.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ._report import Row, Samples

ROOT = Path(__file__).resolve().parents[2]


def measure(quick: bool) -> dict[str, Samples]:
    proc = subprocess.run(
        [sys.executable, "-m", "tests.bench._runtime_worker", *(["--quick"] if quick else [])],
        cwd=ROOT, capture_output=True, text=True, timeout=900, check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    rounds: dict[str, list[float]] = json.loads(proc.stdout.splitlines()[-1])
    return {name: Samples(tuple(values)) for name, values in rounds.items()}


def run(quick: bool) -> list[Row]:
    s = measure(quick)
    f = {name: samples.median for name, samples in s.items()}
    vs_bare, vs_ninja, hit = f["mizan"] / f["bare"], f["mizan"] / f["ninja"], f["hit"] / f["compute"]

    def what(text: str, name: str) -> str:
        return f"{text} {s[name].spread(1, 0)}"

    return [
        Row("runtime", what("echo: bare Django view (JsonResponse)", "bare"), f["bare"], "r/s"),
        Row("runtime", what("echo: django-ninja", "ninja"), f["ninja"], "r/s"),
        Row("runtime", what("echo: Mizan vs bare Django", "mizan"), f["mizan"], "r/s", "bare", vs_bare,
            ">= 0.90x", vs_bare >= 0.9),
        Row("runtime", "echo: Mizan vs django-ninja", f["mizan"], "r/s", "ninja", vs_ninja,
            ">= 1.00x", vs_ninja >= 1.0),
        Row("runtime", what("context: computed (1 SQLite query)", "compute"), f["compute"], "r/s"),
        Row("runtime", what("context: cache hit vs computed", "hit"), f["hit"], "r/s", "computed", hit,
            ">= 5x", hit >= 5.0),
    ]
