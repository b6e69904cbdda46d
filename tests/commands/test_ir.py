"""`mizan ir` as a user runs it: the IR in its forms."""

from __future__ import annotations

from pathlib import Path

from mizan_core.ir import loads_json, loads_kdl

from ._run import PROJECTS, run


def test_ir_kdl_and_json_describe_the_same_project(tmp_path: Path) -> None:
    code, kdl_text, _ = run("ir", "--no-cache", str(PROJECTS / "contexts"))
    assert code == 0
    target = tmp_path / "ir.json"
    code, out, _ = run("ir", "--no-cache", "--format", "json", "-o", str(target),
                       str(PROJECTS / "contexts"))
    assert code == 0 and out == ""
    assert loads_json(target.read_text()) == loads_kdl(kdl_text)
    assert loads_kdl(kdl_text).function("move_card") is not None
