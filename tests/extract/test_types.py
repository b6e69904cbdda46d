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


def test_a_package_name_shadowed_by_its_submodule_is_reported(tmp_path: Path) -> None:
    # `kinds/__init__` binds `kind` from elsewhere while `kinds/kind.py` exists:
    # at run time the name is the alias until something imports `kinds.kind`.
    index = project(
        tmp_path,
        clients=HEADER + "from .kinds import kind\n"
                         "@client\ndef f(request, k: kind) -> int: ...\nregister(f, 'f')\n",
        **{"kinds/__init__": "from .other import kind\n",
           "kinds/other": "from typing import Literal\nkind = Literal['a']\n",
           "kinds/kind": "x = 1\n"})
    result = index.build()
    assert result.ir.function("f").params[0].type == Unknown("kind")  # type: ignore[union-attr]
    (d,) = result.diagnostics
    assert d.code == "mizan-unresolved"
    assert "submodule `app.kinds.kind`" in d.message and "import order" in d.message


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


def test_dataclasses_and_typeddicts_are_models_of_their_kind(tmp_path: Path) -> None:
    index = project(tmp_path, clients=HEADER + (
        "import dataclasses as dc\n"
        "from datetime import timedelta\n"
        "from typing import ClassVar, NotRequired, Required\n"
        "from typing_extensions import TypedDict\n"
        "@dc.dataclass(frozen=True)\n"
        "class Run:\n"
        "    took: timedelta\n"
        "    _by: str = 'cron'\n"
        "    tags: list[str] = dc.field(default_factory=list)\n"
        "    every: ClassVar[int] = 1\n"
        "    seed: dc.InitVar[int] = 0\n"
        "class Undecorated(Run):\n"
        "    ignored: int = 0\n"
        "class Check(TypedDict, total=False):\n"
        "    name: Required[str]\n"
        "    grace: timedelta\n"
        "class Strict(Check):\n"
        "    kind: str\n"
        "    note: NotRequired[str]\n"
        "@client\ndef f(request, c: Strict) -> list[Run | Undecorated]: ...\n"
        "register(f, 'f')\n"))
    result = index.build()
    assert result.diagnostics == ()
    run, check, undecorated = (result.ir.model(f"app.clients.{n}")
                               for n in ("Run", "Strict", "Undecorated"))
    assert run is not None and run.kind == "dataclass"
    assert [(f.name, f.type, f.required, f.default) for f in run.fields] == [
        ("took", Primitive("timedelta"), True, None), ("_by", Primitive("str"), False, '"cron"'),
        ("tags", ListOf(Primitive("str")), False, None)]
    assert undecorated is not None and undecorated.fields == run.fields
    assert check is not None and check.kind == "typeddict"
    assert [(f.name, f.required) for f in check.fields] == [
        ("name", True), ("grace", False), ("kind", True), ("note", False)]


def test_an_unresolvable_class_is_labelled_by_its_name_however_imported(tmp_path: Path) -> None:
    index = project(tmp_path, clients=HEADER + (
        "import email.message as em\n"
        "from email.message import Message as Mail\n"
        "class Plain: ...\n"
        "from . import clients as me\n"
        "@client\ndef f(request, a: Mail, b: em.Message, c: me.Plain, d: 'Nowhere') -> int: ...\n"
        "register(f, 'f')\n"))
    fn = index.build().ir.function("f")
    assert fn is not None
    assert [p.type for p in fn.params] == [Unknown("Message"), Unknown("Message"),
                                           Unknown("Plain"), Unknown("Nowhere")]


def test_the_last_binding_of_a_name_wins(tmp_path: Path) -> None:
    index = project(tmp_path, clients=HEADER + (
        "from datetime import timedelta as td\n"
        "import datetime as dt\n"
        "from datetime import datetime\n"
        "import datetime\n"
        "@client\ndef f(request, a: datetime.datetime, b: td, c: dt.timedelta) -> int: ...\n"
        "register(f, 'f')\n"
        "from datetime import date as when\n"
        "from datetime import time as when\n"
        "@client\ndef g(request, a: when) -> int: ...\n"
        "register(g, 'g')\n"))
    ir = index.build().ir
    assert [p.type for p in ir.function("f").params] == [  # type: ignore[union-attr]
        Primitive("datetime"), Primitive("timedelta"), Primitive("timedelta")]
    assert ir.function("g").params[0].type == Primitive("time")  # type: ignore[union-attr]


def test_a_type_checking_import_names_only_what_nothing_else_binds(tmp_path: Path) -> None:
    # At run time the guarded imports never run, so `datetime` stays the class.
    index = project(tmp_path, clients=HEADER + (
        "from typing import TYPE_CHECKING\n"
        "from datetime import datetime\n"
        "if TYPE_CHECKING:\n"
        "    import datetime\n"
        "    from uuid import UUID\n"
        "@client\ndef f(request, a: datetime, b: 'UUID') -> int: ...\n"
        "register(f, 'f')\n"))
    fn = index.build().ir.function("f")
    assert fn is not None and [p.type for p in fn.params] == [Primitive("datetime"),
                                                             Primitive("uuid")]


def test_enum_members_the_source_leaves_out_or_python_refuses_are_said(tmp_path: Path) -> None:
    index = project(tmp_path, clients=HEADER + (
        "import enum\n"
        "class Rate(enum.Enum):\n    LOW = 1\n    HALF = 0.5\n    NEXT = enum.auto()\n"
        "class Bad(enum.StrEnum):\n    A = 1\n"
        "@client\ndef f(request, r: Rate, b: Bad) -> None: ...\n"
        "register(f, 'f')\n"))
    result = index.build()
    rate, bad = (result.ir.enum(n) for n in ("app.clients.Rate", "app.clients.Bad"))
    assert rate is not None and bad is not None
    # NEXT is numbered as Python numbers it past the float (2), HALF left out
    assert [(m.name, m.value) for m in rate.members] == [("LOW", 1), ("NEXT", 2)]
    assert bad.members == ()
    said = sorted((d.line, d.code, d.message) for d in result.diagnostics)
    assert [(line, code) for line, code, _ in said] == [
        (5, "mizan-unresolved"), (7, "mizan-unresolved")]
    assert "`Rate.HALF` is 0.5, which is not a string or an integer" in said[0][2]
    assert "`Bad` cannot be created: 1 is not a string" in said[1][2]
