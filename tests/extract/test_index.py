"""ProjectIndex: incremental updates give exactly what a fresh build gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mizan_core.extract import ProjectIndex, check_source, extract_ir
from mizan_core.ir import Primitive, Ref, dumps_kdl

from ._golden import PROJECTS


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "src"
    shutil.copytree(PROJECTS / "types", root)
    for golden in root.glob("expected*"):
        golden.unlink()
    return root


def fresh(root: Path) -> tuple[str, tuple]:
    result = ProjectIndex([root], display_root=root).build()
    return dumps_kdl(result.ir), result.diagnostics


def same_as_fresh(index: ProjectIndex, root: Path) -> None:
    kdl, diagnostics = fresh(root)
    assert dumps_kdl(index.result.ir) == kdl
    assert index.result.diagnostics == diagnostics


def test_editing_a_model_in_another_module_updates_every_user(project: Path) -> None:
    index = ProjectIndex([project], display_root=project)
    index.build()
    models = project / "fx_types" / "models.py"
    text = models.read_text().replace("    value: int\n", "    value: str\n    weight: float = 0.5\n")
    models.write_text(text)
    result = index.update_file(models)
    tree = result.ir.model("fx_types.models.Tree")
    assert tree is not None and [f.name for f in tree.fields] == ["value", "weight", "children"]
    same_as_fresh(index, project)


def test_editor_buffer_changes_without_touching_disk(project: Path) -> None:
    index = ProjectIndex([project], display_root=project)
    index.build()
    clients = project / "fx_types" / "clients.py"
    buffer = clients.read_text().replace('register(tree, "tree")', 'register(tree, "forest")')
    result = index.update_file(clients, buffer)
    assert result.ir.function("forest") is not None and result.ir.function("tree") is None
    back = index.update_file(clients)  # the buffer was closed: disk wins again
    assert back.ir.function("tree") is not None


def test_half_typed_buffer_gives_one_syntax_error_and_keeps_the_rest(project: Path) -> None:
    index = ProjectIndex([project], display_root=project)
    index.build()
    enums = project / "fx_types" / "enums.py"
    result = index.update_file(enums, "class Color(str, Enum:\n")
    assert [d.code for d in result.for_file(enums)] == ["mizan-syntax"]
    assert result.ir.function("tree") is not None  # other modules still extracted


def test_adding_and_removing_files(project: Path) -> None:
    index = ProjectIndex([project], display_root=project)
    index.build()
    extra = project / "fx_types" / "forms.py"  # a module `mizan_clients` imports
    extra.write_text("from mizan_django import client, register\n\n"
                     "@client\ndef extra(request) -> int:\n    return 1\n\nregister(extra, 'extra')\n")
    assert index.update_file(extra).ir.function("extra") is not None
    same_as_fresh(index, project)
    extra.unlink()
    assert index.update_file(extra).ir.function("extra") is None
    same_as_fresh(index, project)


def test_renaming_a_context_reports_affects_until_fixed(tmp_path: Path) -> None:
    root = tmp_path / "src"
    shutil.copytree(PROJECTS / "contexts", root)
    index = ProjectIndex([root], display_root=root)
    assert index.build().diagnostics == ()
    clients = root / "fx_contexts" / "clients.py"
    text = clients.read_text()
    broken = index.update_file(clients, text.replace('context="board")\ndef board(',
                                                     'context="boards")\ndef board('))
    assert "mizan-context-params" not in {d.code for d in broken.diagnostics}
    assert index.update_file(clients, text).diagnostics == ()


def test_cache_on_disk_gives_the_same_result_and_survives_corruption(project: Path,
                                                                     tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = ProjectIndex([project], cache_dir=cache, display_root=project).build()
    assert list(cache.iterdir())
    warm = ProjectIndex([project], cache_dir=cache, display_root=project).build()
    assert dumps_kdl(warm.ir) == dumps_kdl(cold.ir) and warm.diagnostics == cold.diagnostics
    for file in cache.iterdir():
        file.write_bytes(b"not a pickle")
    again = ProjectIndex([project], cache_dir=cache, display_root=project).build()
    assert dumps_kdl(again.ir) == dumps_kdl(cold.ir)


def test_sites_give_ranges_for_the_editor() -> None:
    result = extract_ir([PROJECTS / "contexts"])
    move = next(s for s in result.sites if s.qualname == "move_card")
    path = Path(move.path)
    line = path.read_text().splitlines()[move.name_span.line - 1]
    assert line[move.name_span.column - 1:move.name_span.end_column - 1] == "move_card"
    affects = [a for a in result.affects_sites(path) if a.span.line == move.decorator_span.line]
    assert [(a.target, a.kind) for a in affects] == [("board", "context"), ("column", "context"),
                                                      ("me", "context")]
    touch = next(s for s in result.sites if s.qualname == "touch_stats")
    assert [(a.target, a.kind, a.text) for a in touch.affects] == [
        ("board.stats", "function", "board_stats")]


def test_check_source_reads_one_file_alone() -> None:
    found = check_source("from mizan_django import client\n\n@client\ndef f(req, x) -> Foo:\n  ...\n")
    assert {d.code for d in found} == {"mizan-request", "mizan-untyped", "mizan-unresolved",
                                       "mizan-unregistered"}
    assert check_source("x = (\n") == ()  # mentions nothing of Mizan: not even parsed
    assert [d.code for d in check_source("from mizan_django import client\n@client(\ndef")] == [
        "mizan-syntax"]


def test_refs_resolve_through_every_import_form() -> None:
    result = extract_ir([PROJECTS / "imports"])
    returns = {f.name: f.returns for f in result.ir.functions}
    assert returns == {
        "aliased_fn": Ref("fx_imports.schemas.inner.Thing"),
        "core_fn": Ref("fx_imports.schemas.shapes.Square"),
        "core_mod_fn": Ref("fx_imports.schemas.shapes.Square"),
        "modimport_fn": Ref("fx_imports.schemas.inner.Thing"),
        "reexported_fn": Ref("fx_imports.schemas.shapes.Square"),
        "relative_fn": Ref("fx_imports.schemas.shapes.Square"),
        "seed_fn": Ref("fx_imports.schemas.inner.Thing"),
        "registry_path_fn": Primitive("int"),  # registered through mizan_django.setup.registry
        "package_level": Primitive("int"),  # defined in schemas/__init__.py
    }


def test_an_index_answered_from_the_result_cache_still_updates(project: Path,
                                                                tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    ProjectIndex([project], cache_dir=cache, display_root=project).build()
    index = ProjectIndex([project], cache_dir=cache, display_root=project)
    warm = index.build()  # from the result cache: nothing parsed
    assert warm.ir.function("tree") is not None and warm.sites
    clients = project / "fx_types" / "clients.py"
    result = index.update_file(clients, clients.read_text().replace('"tree")', '"trees")'))
    assert result.ir.function("trees") is not None and result.ir.function("tree") is None


def test_one_line_class_bodies(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(
        "from pydantic import BaseModel\nfrom mizan_django import client, register\n"
        "class P(BaseModel): x: int = 1\n"
        "@client\ndef f(request) -> P: ...\nregister(f, 'f')\n")
    (model,) = extract_ir([tmp_path]).ir.models
    assert [(f.name, f.default) for f in model.fields] == [("x", "1")]
