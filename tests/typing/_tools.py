"""Runs the real mypy and basedpyright on a case file copied into a work folder.

The work folder comes first on the search path of both tools, so a test can
put a mutated copy of a package there to prove that its assertions fail
when the typing they check is lost.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BASEDPYRIGHT = Path(sys.executable).parent / "basedpyright"


Mutation = tuple[str, str, str]  # ("package/module.py", old text, new text)


def workdir(tmp_path: Path, case: Path, mutations: Sequence[Mutation] = ()) -> Path:
    """A folder holding ``case``; each mutation writes a copy of its package
    with ``old`` replaced by ``new`` in that module."""
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(case, work / case.name)
    for relative, old, new in mutations:
        package = relative.split("/", 1)[0]
        if not (work / package).exists():
            shutil.copytree(ROOT / package, work / package,
                            ignore=shutil.ignore_patterns("__pycache__"))
        source = (work / relative).read_text()
        assert old in source, f"the mutation of {relative} no longer applies; update this test"
        (work / relative).write_text(source.replace(old, new))
    return work


def run_mypy(work: Path, case: str, config: str | None = None) -> subprocess.CompletedProcess[str]:
    """mypy on ``work/case``: ``config`` is a mypy.ini text (none: ``--strict`` alone)."""
    if config is None:
        options = ["--strict", "--config-file", os.devnull]
    else:
        (work / "mypy.ini").write_text(config)
        options = ["--config-file", str(work / "mypy.ini")]
    # MYPYPATH wins over the sources' own folder, so list the work folder before
    # ROOT; PYTHONPATH the same for django-stubs' plugin, which imports settings.
    path = os.pathsep.join([str(work), str(ROOT)])
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", *options, "--no-incremental", "--cache-dir", os.devnull,
         "--show-column-numbers", "--show-error-codes", "--python-executable", sys.executable,
         case],
        cwd=work, env={**os.environ, "MYPYPATH": path, "PYTHONPATH": path},
        capture_output=True, text=True, timeout=240, check=False,
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    return proc


def run_basedpyright(work: Path, case: str, config: dict[str, Any]) -> dict[str, Any]:
    """basedpyright's JSON report on ``work/case`` under ``config`` (pyrightconfig.json)."""
    if not BASEDPYRIGHT.exists():
        raise AssertionError(f"basedpyright is not installed at {BASEDPYRIGHT} (dev extra)")
    (work / "pyrightconfig.json").write_text(json.dumps({**config, "extraPaths": [str(ROOT)]}))
    proc = subprocess.run(
        [str(BASEDPYRIGHT), "--outputjson", "--pythonpath", sys.executable, "--project",
         str(work), str(work / case)],
        cwd=work, capture_output=True, text=True, timeout=240, check=False,
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    report: dict[str, Any] = json.loads(proc.stdout)
    return report
