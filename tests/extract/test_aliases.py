"""`alias_generator` read from source (`mizan_core.extract._aliases`): the
static IR names the JSON keys pydantic really uses, and says so when it
cannot know them."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, alias_generators

from mizan_core.extract import extract_ir
from mizan_core.extract._aliases import to_camel, to_pascal, to_snake

# Field names as people write them, plus the corners (digits, runs of
# capitals, leading and doubled underscores, kebab-case for to_snake).
NAMES = st.text(alphabet="abcxyzABCXYZ019_-", min_size=1, max_size=12)


@settings(max_examples=400, deadline=None)
@given(NAMES)
def test_the_three_generators_agree_with_pydantic(name: str) -> None:
    assert to_camel(name) == alias_generators.to_camel(name)
    assert to_pascal(name) == alias_generators.to_pascal(name)
    assert to_snake(name) == alias_generators.to_snake(name)


MODELS = '''\
from pydantic import BaseModel, ConfigDict, Field
from pydantic import alias_generators as ag
from pydantic.alias_generators import to_camel, to_pascal, to_snake

SHARED = ConfigDict(alias_generator=ag.to_pascal)
CONFIG = SHARED


class Camel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)

    first_name: str
    last_name: str = Field(alias="surname")
    line_2b: int = Field(0, alias="ignored", alias_priority=1)
    id: int = 0


class Child(Camel):
    nick_name: str = ""
    last_name: str = ""  # redeclared without an alias: the generator names it


class Off(Camel):
    model_config = ConfigDict(alias_generator=None)

    more_stuff: int = 0


class Pascal(Camel):
    model_config = {"alias_generator": to_pascal}


class Shared(BaseModel):
    model_config = CONFIG

    user_id: int = 0


class Snake(BaseModel, alias_generator=to_snake):
    userId: int = 0
    HTTPServer2: str = ""


class Other(BaseModel):
    plain_name: int = 0


class Mixed(Other, Shared):  # the last base's config holds
    own_field: int = 0
'''

CLIENTS = '''\
from mizan_django import client, register

from .models import Camel, Child, Mixed, Off, Pascal, Shared, Snake


@client
def everything(request, a: Camel, b: Child, c: Off, d: Pascal, e: Shared, f: Snake) -> Mixed: ...


register(everything, "everything")
'''


@pytest.fixture
def models_package(tmp_path: Path) -> object:
    package = tmp_path / "aliasfx"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text(MODELS)
    (package / "clients.py").write_text(CLIENTS)  # static only: reaches every model
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module("aliasfx.models")
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n == "aliasfx" or n.startswith("aliasfx.")]:
            del sys.modules[name]


def test_static_aliases_are_the_ones_pydantic_uses(models_package: object,
                                                    tmp_path: Path) -> None:
    result = extract_ir([tmp_path])
    static = {m.qualname: {f.name: f.alias for f in m.fields} for m in result.ir.models}
    runtime = {}
    for qualname in static:
        model = getattr(models_package, qualname)
        assert issubclass(model, BaseModel)
        runtime[qualname] = {name: (info.alias if info.alias != name else None)
                             for name, info in model.model_fields.items()}
    assert len(static) == 7 and static == runtime
    assert static["Camel"] == {"first_name": "firstName", "last_name": "surname",
                               "line_2b": "line2B", "id": None}
    assert static["Snake"] == {"userId": "user_id", "HTTPServer2": "http_server_2"}
    assert not result.diagnostics


@pytest.mark.parametrize(("config", "shown"), [
    ("ConfigDict(alias_generator=lambda name: name.upper())",
     "alias_generator=lambda name: name.upper()"),
    ("ConfigDict(alias_generator=shout)", "alias_generator=shout"),
    ("ConfigDict(alias_generator=AliasGenerator(serialization_alias=to_camel))",
     "alias_generator=AliasGenerator(serialization_alias=to_camel)"),
    ("ConfigDict(**BASE)", "model_config = ConfigDict(**BASE)"),
])
def test_a_generator_mizan_cannot_run_is_reported(tmp_path: Path, config: str,
                                                  shown: str) -> None:
    (tmp_path / "shop.py").write_text(
        "from pydantic import AliasGenerator, BaseModel, ConfigDict\n"
        "from pydantic.alias_generators import to_camel\n"
        "from mizan_django import client, register\n\n"
        "BASE = ConfigDict(frozen=True)\n\n\n"
        "def shout(name: str) -> str:\n    return name.upper()\n\n\n"
        f"class Item(BaseModel):\n    model_config = {config}\n\n    first_name: str\n\n\n"
        "@client\ndef item(request) -> Item: ...\n\n\nregister(item, 'item')\n")
    result = extract_ir([tmp_path])
    (found,) = result.diagnostics
    assert (found.code, found.severity, found.line) == ("mizan-unresolved", "warning", 13)
    assert f"`{shown}`" in found.message
    assert "JSON keys of `Item` are unknown" in found.message
    written = (tmp_path / "shop.py").read_text().splitlines()[12]
    assert written[found.column - 1:found.end_column - 1] in config
    (model,) = result.ir.models
    assert model.fields[0].alias is None  # the Python name, as the warning says


def test_no_warning_when_every_field_has_its_own_alias(tmp_path: Path) -> None:
    (tmp_path / "shop.py").write_text(
        "from pydantic import BaseModel, ConfigDict, Field\n"
        "from mizan_django import client, register\n\n\n"
        "class Item(BaseModel):\n"
        "    model_config = ConfigDict(alias_generator=lambda n: n.upper())\n\n"
        "    first_name: str = Field(alias='fn')\n\n\n"
        "@client\ndef item(request) -> Item: ...\n\n\nregister(item, 'item')\n")
    result = extract_ir([tmp_path])
    assert not result.diagnostics
    assert result.ir.models[0].fields[0].alias == "fn"
