"""A run answered from the result cache loads no parser: a warm `mizan ir`
costs the start of Python and a cache read, not libcst's import."""

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
print("libcst" in sys.modules)
"""


def test_a_warm_build_never_imports_libcst(tmp_path: Path) -> None:
    def run() -> str:
        return subprocess.run([sys.executable, "-c", SCRIPT, str(PROJECTS / "basics"),
                               str(tmp_path / "cache")], capture_output=True, text=True,
                              check=True, timeout=120).stdout.strip()

    assert run() == "True"  # cold: the files had to be parsed
    assert run() == "False"
