"""`mizan ir` prints the IR before it writes the cache of a fresh build:
whoever reads the output does not wait for the cache."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from mizan_core.cli import main

from ._golden import PROJECTS


class _Watched(io.StringIO):
    """Output that records, at each flush, whether the cache files exist yet."""

    def __init__(self, cache: Path) -> None:
        super().__init__()
        self.cache = cache
        self.seen: list[tuple[int, bool]] = []

    def flush(self) -> None:
        self.seen.append((len(self.getvalue()), any(self.cache.glob("*.cache"))))
        super().flush()


def test_the_ir_is_out_before_the_cache_is_written_and_the_next_run_reads_it(
        tmp_path: Path) -> None:
    project = tmp_path / "basics"
    shutil.copytree(PROJECTS / "basics", project)
    cache = project / ".mizan_cache"
    out = _Watched(cache)
    assert main(["ir", str(project)], out, io.StringIO()) == 0
    printed = [exists for size, exists in out.seen if size]
    assert printed and printed[0] is False  # the whole IR, then the cache
    assert any(cache.glob("facts-*.cache")) and any(cache.glob("result-*.cache"))
    warm = _Watched(cache)
    assert main(["ir", str(project)], warm, io.StringIO()) == 0
    assert warm.getvalue() == out.getvalue() == (PROJECTS / "basics" / "expected.kdl").read_text()
