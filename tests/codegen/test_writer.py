"""Writing the output folder: unchanged files keep their mtime, stale generated
files go, files Mizan did not generate stay, `--check` writes nothing."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from mizan_core.codegen import diff_output, generate, render

from ._projects import load_project


def _age(folder: Path) -> None:
    for p in folder.rglob("*"):
        os.utime(p, ns=(1_000_000_000, 1_000_000_000))


def test_regenerating_the_same_ir_rewrites_nothing(tmp_path: Path) -> None:
    ir = load_project("shop")
    first = generate(ir, tmp_path)
    assert "index.ts" in first.written and not first.unchanged
    _age(tmp_path)
    second = generate(ir, tmp_path)
    assert second.written == [] and second.deleted == []
    assert all(p.stat().st_mtime_ns == 1_000_000_000 for p in tmp_path.rglob("*.ts"))


def test_only_changed_files_are_rewritten(tmp_path: Path) -> None:
    ir = load_project("shop")
    generate(ir, tmp_path)
    _age(tmp_path)
    echo = ir.function("echo")
    assert echo is not None
    changed = replace(ir, functions=tuple(replace(f, doc="Says it back.") if f.name == "echo" else f
                                          for f in ir.functions))
    result = generate(changed, tmp_path)
    # Only the file declaring `callEcho`: neither the re-exporting `calls.ts` nor another module's file.
    assert result.written == ["modules/shop.clients/index.ts"]
    assert (tmp_path / "calls.ts").stat().st_mtime_ns == 1_000_000_000


def test_stale_generated_files_are_deleted_and_foreign_files_kept(tmp_path: Path) -> None:
    ir = load_project("shop")
    generate(ir, tmp_path)
    (tmp_path / "mine.ts").write_text("export const mine = 1;\n")
    result = generate(replace(ir, forms=(), channels=()), tmp_path)
    assert sorted(result.deleted) == [
        "channels.ts", "forms.ts", "kernel-forms.ts", "kernel-react-forms.ts",
        "modules/shop.forms/index.ts"]  # shop.channels keeps its models
    assert (tmp_path / "mine.ts").read_text() == "export const mine = 1;\n"
    assert not (tmp_path / "forms.ts").exists()
    # The emptied module folders go; a folder holding a file of the user's stays.
    assert not (tmp_path / "modules" / "shop.forms").exists()
    assert "openChatChannel" not in (tmp_path / "modules" / "shop.channels" / "index.ts").read_text()


def test_a_module_folder_with_a_file_of_the_users_is_kept(tmp_path: Path) -> None:
    ir = load_project("shop")
    generate(ir, tmp_path)
    (tmp_path / "modules" / "shop.forms" / "notes.md").write_text("mine\n")
    generate(replace(ir, forms=()), tmp_path)
    assert [p.name for p in (tmp_path / "modules" / "shop.forms").iterdir()] == ["notes.md"]


def test_diff_reports_changed_missing_and_stale_without_writing(tmp_path: Path) -> None:
    ir = load_project("shop")
    generate(ir, tmp_path)
    assert diff_output(render(ir), tmp_path) == []
    calls = tmp_path / "modules" / "shop.clients" / "index.ts"
    calls.write_text(calls.read_text().replace("callEcho", "callEko"))
    (tmp_path / "react.ts").unlink()
    _age(tmp_path)
    changes = diff_output(render(replace(ir, channels=())), tmp_path)
    by_name = {c.name: c for c in changes}
    assert by_name["modules/shop.clients/index.ts"].status == "changed"
    assert "-export const callEko" in by_name["modules/shop.clients/index.ts"].diff
    assert "+export const callEcho" in by_name["modules/shop.clients/index.ts"].diff
    assert by_name["react.ts"].status == "missing"
    assert by_name["channels.ts"].status == "stale"
    assert by_name["modules/shop.channels/index.ts"].status == "changed"
    assert not (tmp_path / "react.ts").exists()
    assert all(p.stat().st_mtime_ns == 1_000_000_000 for p in tmp_path.rglob("*.ts"))
