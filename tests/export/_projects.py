"""The projects every export is checked on: the demo shop and every fixture
project read from source, and every IR the TypeScript generator is tested on."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from mizan_core.extract import extract_ir
from mizan_core.ir import ProjectIR, loads_kdl

__all__ = ["REPO", "SHOP", "all_irs", "project_ids", "shop_ir"]

REPO = Path(__file__).resolve().parents[2]
SHOP = REPO / "examples" / "shop"


def _sources() -> dict[str, Path]:
    found = {"shop": SHOP}
    for root in sorted((REPO / "tests" / "projects").iterdir()):
        if root.is_dir() and any(root.rglob("*.py")):
            found[f"projects/{root.name}"] = root
        elif (root / "expected.kdl").is_file():  # a project stored as its IR only
            found[f"projects/{root.name}"] = root / "expected.kdl"
    for kdl in sorted((REPO / "tests" / "codegen" / "irs").glob("*.kdl")):
        found[f"codegen/{kdl.stem}"] = kdl
    return found


SOURCES = _sources()


def project_ids() -> list[str]:
    return sorted(SOURCES)


@cache
def load(name: str) -> ProjectIR:
    source = SOURCES[name]
    if source.suffix == ".kdl":
        return loads_kdl(source.read_text(encoding="utf-8"))
    return extract_ir([source]).ir


def shop_ir() -> ProjectIR:
    return load("shop")


def all_irs() -> list[tuple[str, ProjectIR]]:
    return [(name, load(name)) for name in project_ids()]
