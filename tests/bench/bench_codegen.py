"""TypeScript generation for the 1000-function synthetic project: IR -> files on disk.

The IR comes from the static extractor reading `tests/bench/synth.py`'s
project (not timed). Timed: `render` + `write_output` into an empty folder
(cold), and again into the same folder (nothing changed: nothing is
rewritten). The peer, measured in the same run, is `dumps_kdl` of the same
IR: the other string builder over the whole IR.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from mizan_core.codegen import generate, render
from mizan_core.extract import extract_ir
from mizan_core.ir import dumps_kdl

from ._report import Row, interleaved, median_seconds
from .synth import write_project


def run(quick: bool) -> list[Row]:
    n = 200 if quick else 1000
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        project = extract_ir([write_project(base / "project", n)]).ir
        assert len(project.functions) == n, f"synthetic project has {len(project.functions)} functions"
        out = base / "api"

        def cold() -> float:
            shutil.rmtree(out, ignore_errors=True)  # setup, not timed
            start = time.perf_counter()
            generate(project, out)
            return time.perf_counter() - start

        cold_s = interleaved({"cold": cold}, 7)["cold"].median
        warm_s = median_seconds(lambda: generate(project, out), repeat=7)
        render_s = median_seconds(lambda: render(project), repeat=7)
        kdl_s = median_seconds(lambda: dumps_kdl(project), repeat=7)
        rendered = render(project)
        size = sum(len(t) for t in rendered.values())
    target = 0.200 * n / 1000
    return [
        Row("codegen", f"generate {n} functions, IR -> empty folder ({len(rendered)} files, {size // 1024} KiB)",
            cold_s * 1000, "ms", "dumps_kdl same IR", cold_s / kdl_s, f"< {target * 1000:.0f} ms",
            cold_s < target),
        Row("codegen", f"generate {n} functions, output unchanged (no writes)", warm_s * 1000, "ms",
            "dumps_kdl same IR", warm_s / kdl_s, f"< {target * 1000:.0f} ms", warm_s < target),
        Row("codegen", f"render only (no disk), {n} functions", render_s * 1000, "ms",
            "dumps_kdl same IR", render_s / kdl_s),
        Row("codegen", f"peer: dumps_kdl of the same IR, {n} functions", kdl_s * 1000, "ms"),
    ]
