"""mypy with and without the `mizan_mypy` plugin on the synthetic project.

Each run is cold: a fresh mypy cache directory (which also holds the
plugin's index cache), so the figure includes building the static index once
per process. The warm figures reuse those caches: a run with nothing changed,
and a run after one module's body was edited (the daily loop); they are
reported for information, with no target. The peer is the same mypy on the same project without any
plugin; django-stubs' own plugin (`mypy_django_plugin.main`, which boots the
project's Django settings) is measured on the same project for comparison.
Target: mizan_mypy at most 1.15x plain mypy.

    python -m tests.bench mypy [--quick]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ._report import Row
from .synth import BIG_MODULE, write_project

__all__ = ["run"]

_CONFIGS = {
    "plain": "[mypy]\n",
    "mizan": "[mypy]\nplugins = mizan_mypy\n",
    "django-stubs": ("[mypy]\nplugins = mypy_django_plugin.main\n\n"
                     "[mypy.plugins.django-stubs]\ndjango_settings_module = synthsite.settings\n"),
}
TARGET = 1.15


def _mypy_seconds(project: Path, config: Path, cache: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(project)}
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(config), "--cache-dir", str(cache),
         "--no-error-summary", "synth"],
        cwd=project, env=env, capture_output=True, text=True, timeout=1200, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1) or "Traceback" in proc.stderr:
        raise RuntimeError(f"mypy ({config.name}) failed: {proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return elapsed


def run(quick: bool) -> list[Row]:
    n_functions = 100 if quick else 1000
    repeat = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="mizan-bench-mypy-") as tmp:
        base = Path(tmp)
        project = write_project(base / "project", n_functions)
        configs = {}
        for name, text in _CONFIGS.items():
            configs[name] = project / f"mypy-{name}.ini"  # the plugin's source root: here
            configs[name].write_text(text)
        samples: dict[str, list[float]] = {name: [] for name in _CONFIGS}
        for attempt in range(repeat):  # interleaved, so drift hits every variant alike
            for name, config in configs.items():
                cache = base / f"cache-{name}-{attempt}"
                samples[name].append(_mypy_seconds(project, config, cache))
        medians = {name: statistics.median(values) for name, values in samples.items()}
        warm = _warm(project, {n: configs[n] for n in ("plain", "mizan")},
                     {n: base / f"cache-{n}-{repeat - 1}" for n in ("plain", "mizan")}, repeat)
    plain = medians["plain"]
    what = f"mypy cold, {n_functions} functions"
    ratio = medians["mizan"] / plain
    warm_rows = [
        Row("mypy", f"mypy warm, {n_functions} functions, {case}, mizan_mypy", times["mizan"], "s",
            peer=f"no plugin {times['plain']:.3f} s", ratio=times["mizan"] / times["plain"])
        for case, times in warm.items()]
    return [
        Row("mypy", f"{what}, no plugin", plain, "s"),
        Row("mypy", f"{what}, mizan_mypy", medians["mizan"], "s", peer="no plugin",
            ratio=ratio, target=f"<= {TARGET}x no plugin", ok=ratio <= TARGET),
        Row("mypy", f"{what}, django-stubs plugin", medians["django-stubs"], "s",
            peer="no plugin", ratio=medians["django-stubs"] / plain),
        *warm_rows,
    ]


def _warm(project: Path, configs: dict[str, Path], caches: dict[str, Path],
          repeat: int) -> dict[str, dict[str, float]]:
    """Median seconds per variant: nothing changed, and one module edited."""
    samples: dict[str, dict[str, list[float]]] = {
        "nothing changed": {n: [] for n in configs}, "one module edited": {n: [] for n in configs}}
    edited = project / BIG_MODULE
    for attempt in range(repeat):
        with edited.open("a") as f:  # the module is checked again; its interface stays
            f.write(f"# edit {attempt}\n")
        for name, config in configs.items():
            samples["one module edited"][name].append(_mypy_seconds(project, config, caches[name]))
        for name, config in configs.items():
            samples["nothing changed"][name].append(_mypy_seconds(project, config, caches[name]))
    return {case: {n: statistics.median(v) for n, v in by_name.items()}
            for case, by_name in samples.items()}
