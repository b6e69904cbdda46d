"""libcst is loaded only where a file needs it: a cold export of ordinary
files reads them all from the standard library's tree, and costs no import
of libcst (a good part of a small project's cold run)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.bench.synth import write_project

ROOT = Path(__file__).resolve().parents[2]

_PROBE = textwrap.dedent("""
    import sys
    from pathlib import Path
    from mizan_core.extract import ProjectIndex
    result = ProjectIndex([Path(sys.argv[1])]).build()
    functions = len(result.ir.functions)
    loaded = sorted(name for name in sys.modules if name.startswith("libcst."))
    print(functions, len(loaded))
    if sys.argv[2] == "annotation":
        from mizan_core.extract.module import parse_annotation
        from mizan_core.rules.sites import Span
        print(parse_annotation("list[int]", Span(1, 1, 1, 2)) is not None,
              "libcst._nodes" in sys.modules)
""")


def _probe(root: Path, then: str = "") -> list[str]:
    out = subprocess.run([sys.executable, "-c", _PROBE, str(root), then or "-"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, check=True).stdout
    return out.split()


def test_a_cold_build_of_ordinary_files_loads_no_libcst(tmp_path: Path) -> None:
    root = write_project(tmp_path, 300)  # 60 modules: read by forked workers, one padded
    big = root / "synth" / "m0001.py"
    big.write_text(big.read_text() + "".join(f"\n\ndef pad_{i}(a):\n    return a + {i}\n"
                                             for i in range(600)))
    assert len(big.read_text()) > 16_000  # what an editor would read by piece
    functions, loaded = _probe(root)
    assert functions == "300" and loaded == "0"


def test_libcst_loads_when_a_file_needs_it(tmp_path: Path) -> None:
    root = write_project(tmp_path, 10)
    # a form feed: positions Python's tree cannot give exactly, so libcst reads it
    (root / "synth" / "odd.py").write_text("\f\nfrom mizan_django import client\n\n"
                                           "@client\ndef odd(request) -> int:\n    return 1\n")
    functions, loaded = _probe(root)
    assert functions == "10" and int(loaded) > 0  # `odd` is never registered


def test_a_string_annotation_is_read_with_libcst_on_first_use(tmp_path: Path) -> None:
    root = write_project(tmp_path, 10)
    *_, parsed, loaded = _probe(root, "annotation")
    assert parsed == "True" and loaded == "True"


_RACE = textwrap.dedent("""
    import threading
    from mizan_core.extract._libcst import cst
    seen = []
    def use():
        try:
            seen.append(cst.parse_module("x = 1\\n").body[0].__class__.__name__)
        except Exception as error:
            seen.append(repr(error))
    threads = [threading.Thread(target=use) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(" ".join(seen))
""")


def test_threads_that_first_need_libcst_at_once_all_get_it_whole() -> None:
    # The language server's index thread and its parse thread may both be
    # first: neither may see the package half imported.
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", _RACE], cwd=ROOT, capture_output=True,
                             text=True, timeout=60, check=True).stdout
        assert out.split() == ["SimpleStatementLine"] * 8, out
