"""The fixture projects and their goldens (`expected.kdl`, `expected.diagnostics.txt`).

Each folder of tests/projects is a source root; `_demo` holds the goldens of
examples/shop (clean: its IR is the runtime IR) and `_mistakes` those of
examples/mistakes (one finding per diagnostic code). Set MIZAN_UPDATE_GOLDEN=1 to rewrite the goldens from the
current extractor (then review the diff).
"""

from __future__ import annotations

import os
from pathlib import Path

from mizan_core.extract import IndexResult, ProjectIndex
from mizan_core.ir import dumps_kdl

ROOT = Path(__file__).resolve().parents[2]
PROJECTS = ROOT / "tests" / "projects"
UPDATE = os.environ.get("MIZAN_UPDATE_GOLDEN") == "1"
REGENERATE = "MIZAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/extract -q -p no:cacheprovider"

#: golden folder -> source root
SOURCES: dict[str, Path] = {
    p.name: p for p in sorted(PROJECTS.iterdir()) if p.is_dir() and not p.name.startswith("_")
    and not p.name.startswith("parity_")  # whole projects of tests/parity, compared there
}
SOURCES["_demo"] = ROOT / "examples" / "shop"
SOURCES["_mistakes"] = ROOT / "examples" / "mistakes"


def read(area: str) -> IndexResult:
    return ProjectIndex([SOURCES[area]], display_root=SOURCES[area]).build()


def diagnostics_text(result: IndexResult) -> str:
    return "".join(f"{d.file}:{d.line}:{d.column}-{d.end_line}:{d.end_column}: {d.code} "
                   f"{d.message}\n" for d in result.diagnostics)


def compare(path: Path, actual: str) -> str | None:
    """None when equal (or updated); otherwise the failure message."""
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
        return None
    expected = path.read_text(encoding="utf-8") if path.exists() else "<missing>"
    if expected == actual:
        return None
    import difflib

    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        str(path), "actual", n=2))
    return f"{path} differs from the extractor's output:\n{diff[:6000]}\n" \
           f"If the change is intended, regenerate the goldens with:\n    {REGENERATE}"


__all__ = ["PROJECTS", "SOURCES", "compare", "diagnostics_text", "dumps_kdl", "read"]
