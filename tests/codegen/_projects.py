"""The IRs the generator is tested on, and where their generated output goes.

- `tests/codegen/irs/*.kdl`: `shop` (the demo, as `manage.py export_mizan_ir`
  prints it) and `kitchen` (every IR node kind and every naming clash);
- `tests/projects/<name>/expected.kdl`: the fixture projects of the extractor,
  except `_demo`: it is the demo shop again, byte-identical to `irs/shop.kdl`
  (test_golden checks that), so it is generated and compiled once, as `shop`.

Every project needs a golden folder (`tests/codegen/golden/<name>/`) and a
consumer (`tests/ts/consumers/<name>.tsx`); a project without them fails.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from mizan_core.ir import ProjectIR, loads_kdl

__all__ = ["GOLDEN", "PROJECTS", "REPO", "TS", "load_project", "match_golden", "project_names", "target_files"]

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
GOLDEN = HERE / "golden"
TS = REPO / "tests" / "ts"


def _sources() -> dict[str, Path]:
    found = {p.stem: p for p in sorted((HERE / "irs").glob("*.kdl"))}
    for expected in sorted((REPO / "tests" / "projects").glob("*/expected.kdl")):
        if expected.parent.name != "_demo":
            found.setdefault(expected.parent.name, expected)
    return found


PROJECTS = _sources()


def project_names() -> list[str]:
    return sorted(PROJECTS)


@cache
def load_project(name: str) -> ProjectIR:
    return loads_kdl(PROJECTS[name].read_text(encoding="utf-8"))


def target_files(files: dict[str, str], stem: str) -> dict[str, str]:
    """What a target writes of `files`: its entry module, its root and its file in each module folder
    (with one target, each module's `index.ts`, which holds its hooks)."""
    return {name: text for name, text in files.items()
            if name in (f"{stem}.ts", f"root/{stem}.ts")
            or (name.startswith("modules/") and name.endswith((f"/{stem}.ts", "/index.ts")))}


def match_golden(folder: Path, files: dict[str, str], update: bool, regenerate: str) -> None:
    """`files` (relative name -> text) against the golden folder, byte for byte; `update` rewrites it."""
    import shutil

    if update:
        shutil.rmtree(folder, ignore_errors=True)
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(text.encode("utf-8"))
    assert folder.is_dir(), f"no golden output in {folder}; create it with: {regenerate}"
    on_disk = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file()}
    assert sorted(on_disk) == sorted(files), f"generated file set changed; if intended: {regenerate}"
    for name, text in files.items():
        assert on_disk[name] == text, f"{folder.name}/{name} differs from golden; if intended: {regenerate}"
