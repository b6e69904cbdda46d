"""A run answered from the result cache loads no parser: a warm `mizan ir`
costs the start of Python and a cache read, not the readers' import (a cold
run of ordinary files needs the standard library's parser only; libcst is
loaded by a file that needs it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ._golden import PROJECTS

SCRIPT = """
import sys
from pathlib import Path
from mizan_core.extract import ProjectIndex
root, cache = Path(sys.argv[1]), Path(sys.argv[2])
ProjectIndex([root], cache_dir=cache, display_root=root).build().ir
print("mizan_core.extract.module" in sys.modules, "libcst" in sys.modules)
"""


def test_a_warm_build_never_imports_a_reader(tmp_path: Path) -> None:
    def run() -> str:
        return subprocess.run([sys.executable, "-c", SCRIPT, str(PROJECTS / "basics"),
                               str(tmp_path / "cache")], capture_output=True, text=True,
                              check=True, timeout=120).stdout.strip()

    assert run() == "True False"  # cold: the files had to be read, none by libcst
    assert run() == "False False"


CHECK = """
import io, sys
from mizan_core.cli import main
code = main(["check", sys.argv[1]], out=io.StringIO(), err=sys.stderr)
loaded = [m for m in ("libcst", "mizan_core.extract.module", "mizan_core.extract.index",
                      "mizan_core.ir", "kdl")
          if m in sys.modules]
print(code, *loaded)
"""


def test_a_warm_check_loads_neither_the_extractor_nor_the_ir(tmp_path: Path) -> None:
    """What a warm `mizan check` costs is the start of Python, a `stat` per file
    and the cached result: the extractor's modules (its readers among them),
    the IR's and libcst stay unloaded, and the summary still counts the functions."""
    import shutil

    project = tmp_path / "basics"
    shutil.copytree(PROJECTS / "basics", project)

    def run() -> tuple[str, str]:
        done = subprocess.run([sys.executable, "-c", CHECK, str(project)], capture_output=True,
                              text=True, check=True, timeout=120, cwd=tmp_path)
        return done.stdout.split()[0], " ".join(done.stdout.split()[1:]) + "|" + done.stderr

    code, cold = run()
    assert "mizan_core.extract.module" in cold and "mizan_core.extract.index" in cold
    assert "libcst" not in cold.split("|")[0].split()
    again, warm = run()
    assert again == code
    loaded, summary = warm.split("|", 1)
    assert loaded == "", loaded
    assert summary == cold.split("|", 1)[1] and "@client functions" in summary


def test_preload_reads_the_facts_a_warm_build_left_unread(tmp_path: Path) -> None:
    from mizan_core.extract import ProjectIndex

    project = PROJECTS / "basics"
    cache = tmp_path / "cache"
    cold = ProjectIndex([project], cache_dir=cache, display_root=project).build()
    index = ProjectIndex([project], cache_dir=cache, display_root=project)
    warm = index.build()
    assert index._pending
    index.preload()
    assert not index._pending  # the first keystroke finds the facts loaded
    assert index.result.diagnostics == warm.diagnostics == cold.diagnostics
    assert index.result.export("json") == cold.export("json")


def test_a_warm_run_prints_the_json_document_a_cold_one_does(tmp_path: Path) -> None:
    """The cache keeps the IR compact when only KDL was printed; a warm
    `--format json` indents it to the very document a cold run prints."""
    from mizan_core.extract import ProjectIndex

    for name in ("basics", "types", "wire_types", "parity_float_literal", "_mistakes"):
        project = PROJECTS / name
        cache = tmp_path / name
        ProjectIndex([project], cache_dir=cache, display_root=project).build()
        index = ProjectIndex([project], cache_dir=cache, display_root=project)
        warm = index.build()
        assert index._pending  # answered from the cache: nothing read
        cold = ProjectIndex([project], display_root=project).build()
        assert warm.export("json") == cold.export("json")
        assert warm.ir == cold.ir
        assert warm.export("kdl") == cold.export("kdl")
