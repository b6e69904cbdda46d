"""Annotation forms that only source can show (the fixtures must import on
Python 3.11, so `type X = ...` lives here)."""

from __future__ import annotations

from pathlib import Path

from mizan_core.extract import ProjectIndex
from mizan_core.ir import DictOf, ListOf, Primitive, Ref, TupleOf, Unknown, optional

HEADER = "from mizan_django import client, register\n"


def project(tmp_path: Path, **modules: str) -> ProjectIndex:
    for name, text in modules.items():
        path = tmp_path / "app" / f"{name}.py"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
    (tmp_path / "app" / "__init__.py").write_text("")
    return ProjectIndex([tmp_path], display_root=tmp_path)


def test_pep695_alias_and_typealias(tmp_path: Path) -> None:
    index = project(tmp_path, clients=HEADER + (
        "from typing import TypeAlias\n"
        "type Scores = dict[str, list[int]]\n"
        "Pair: TypeAlias = 'tuple[int, str]'\n"
        "@client\ndef f(request, s: Scores, p: Pair) -> Scores | None: ...\n"
        "register(f, 'f')\n"))
    fn = index.build().ir.function("f")
    assert fn is not None
    scores = DictOf(Primitive("str"), ListOf(Primitive("int")))
    assert [p.type for p in fn.params] == [scores, TupleOf((Primitive("int"), Primitive("str")))]
    assert fn.returns == optional(scores)


def test_unresolved_parameter_names_the_type_at_its_annotation(tmp_path: Path) -> None:
    index = project(tmp_path, clients=HEADER + (
        "from numpy import ndarray\n"
        "@client\ndef f(request, a: ndarray) -> int: ...\n"
        "register(f, 'f')\n"))
    result = index.build()
    fn = result.ir.function("f")
    assert fn is not None and fn.params[0].type == Unknown("ndarray")
    (d,) = result.diagnostics
    assert (d.code, d.line, d.column, d.end_column) == ("mizan-unresolved", 4, 19, 26)
    assert "`ndarray`" in d.message and "numpy.ndarray" in d.message


def test_models_across_modules_and_self_reference(tmp_path: Path) -> None:
    index = project(
        tmp_path,
        schemas="from __future__ import annotations\nfrom pydantic import BaseModel\n"
                "class Node(BaseModel):\n    children: list[Node] = []\n",
        clients=HEADER + "from .schemas import Node\n"
                         "@client\ndef tree(request) -> Node: ...\nregister(tree, 'tree')\n")
    ir = index.build().ir
    assert ir.function("tree").returns == Ref("app.schemas.Node")  # type: ignore[union-attr]
    (node,) = ir.models
    assert node.fields[0].type == ListOf(Ref("app.schemas.Node"))
    assert node.fields[0].default == "[]"
