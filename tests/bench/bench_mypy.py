"""mypy with and without the `mizan_mypy` plugin on the synthetic project.

Each run is cold: a fresh mypy cache directory (which also holds the
plugin's index cache), so the figure includes building the static index once
per process. The warm figures reuse those caches: a run with nothing changed,
and a run after one module's body was edited (the daily loop); they are
reported for information, with no target. The peer is the same mypy on the same project without any
plugin; django-stubs' own plugin (`mypy_django_plugin.main`, which boots the
project's Django settings) is measured on the same project for comparison.
Target: mizan_mypy at most 1.15x plain mypy.

The same comparison on a project that does not use Mizan (a real-like tree
of `tests/bench/realtree.py` without any Mizan module, Django imports
throughout), cold and warm (nothing changed): the plugin must cost nothing
measurable there. Target: at most 1.05x.

    python -m tests.bench mypy [--quick]
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ._report import Row
from .realtree import write_tree
from .synth import BIG_MODULE, write_project

__all__ = ["run"]

_CONFIGS = {
    "plain": "[mypy]\n",
    "mizan": "[mypy]\nplugins = mizan_mypy\n",
    "django-stubs": ("[mypy]\nplugins = mypy_django_plugin.main\n\n"
                     "[mypy.plugins.django-stubs]\ndjango_settings_module = synthsite.settings\n"),
}
TARGET = 1.15
QUIET_TARGET = 1.05
SYNTH_TARGET = 1.10


def _mypy_seconds(project: Path, config: Path, cache: Path, *targets: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(project)}
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(config), "--cache-dir", str(cache),
         "--no-error-summary", *(targets or ("synth",))],
        cwd=project, env=env, capture_output=True, text=True, timeout=1200, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1) or "Traceback" in proc.stderr:
        raise RuntimeError(f"mypy ({config.name}) failed: {proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return elapsed


def _instructions(project: Path, config: Path, cache: Path, *targets: str) -> int | None:
    """User-space instructions of one mypy run under callgrind, or None without valgrind.

    A count, not a time: the same on a busy machine as on an idle one, so the
    ratio of a warm run (a few hundred milliseconds, where the load's swing
    is larger than the plugin's cost) can be read whatever else runs.
    """
    if shutil.which("valgrind") is None:
        return None
    env = {**os.environ, "PYTHONPATH": str(project)}
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-m", "mypy",
         "--config-file", str(config), "--cache-dir", str(cache), "--no-error-summary",
         *(targets or ("synth",))],
        cwd=project, env=env, capture_output=True, text=True, timeout=1200, check=False)
    found = re.search(r"Collected : (\d+)", proc.stderr)
    return int(found.group(1)) if found else None


def _instruction_rows(what: str, counts: dict[str, int | None], target: float) -> list[Row]:
    plain, mizan = counts["plain"], counts["mizan"]
    if plain is None or mizan is None:
        return []
    return [Row("mypy", f"{what}, instructions (callgrind), mizan_mypy", mizan / 1e6, "M",
                peer=f"no plugin {plain / 1e6:.0f} M", ratio=mizan / plain,
                target=f"<= {target}x", ok=mizan / plain <= target)]


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
        counted = _instruction_rows(
            f"mypy warm, {n_functions} functions, nothing changed",
            {n: _instructions(project, configs[n], base / f"cache-{n}-{repeat - 1}")
             for n in ("plain", "mizan")}, SYNTH_TARGET)
        quiet = _without_mizan(base / "plain-project", 100 if quick else 300, repeat)
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
        *counted,
        *quiet,
    ]


def _without_mizan(project: Path, files: int, repeat: int) -> list[Row]:
    """plain vs mizan_mypy on a project with no Mizan code: cold, then warm."""
    write_tree(project, files, files * 60, 0)
    configs = {name: project / f"mypy-{name}.ini" for name in ("plain", "mizan")}
    for name, config in configs.items():
        config.write_text(_CONFIGS[name] + "ignore_missing_imports = True\n")
    apps = sorted(p.name for p in project.iterdir() if p.is_dir())
    samples: dict[str, dict[str, list[float]]] = {
        "cold": {n: [] for n in configs}, "warm": {n: [] for n in configs}}
    for attempt in range(repeat):  # interleaved, so drift hits both variants alike
        for name, config in configs.items():
            cache = project.parent / f"plain-cache-{name}-{attempt}"
            samples["cold"][name].append(_mypy_seconds(project, config, cache, *apps))
            samples["warm"][name].append(_mypy_seconds(project, config, cache, *apps))
    last = {name: project.parent / f"plain-cache-{name}-{repeat - 1}" for name in configs}
    rows = _instruction_rows(f"mypy warm, no Mizan code ({files} files)",
                             {n: _instructions(project, configs[n], last[n], *apps) for n in configs},
                             QUIET_TARGET)
    for case, by_name in samples.items():
        plain, mizan = (statistics.median(by_name[n]) for n in ("plain", "mizan"))
        spread = f"[{min(by_name['mizan']):.2f}-{max(by_name['mizan']):.2f}]"
        rows.append(Row("mypy", f"mypy {case}, no Mizan code ({files} files), no plugin", plain, "s"))
        rows.append(Row("mypy", f"mypy {case}, no Mizan code, mizan_mypy {spread}", mizan, "s",
                        peer="no plugin", ratio=mizan / plain, target=f"<= {QUIET_TARGET}x",
                        ok=mizan / plain <= QUIET_TARGET))
    return rows


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
