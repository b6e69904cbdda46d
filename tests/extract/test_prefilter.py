"""The prefilter: only files that can hold Mizan declarations are parsed.

A real Django project says `self.client`, `api_client`, `admin.register` and
`hooks.register` everywhere; none of that is Mizan, and none of those files
may cost a parse. A file that reaches Mizan through a project module that
re-exports it (a chain of them, even) is still read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mizan_core.extract import ProjectIndex
from mizan_core.ir import dumps_kdl

DECOYS = 60

DECOY = '''from django.contrib import admin
from django.test import TestCase
from wagtail import hooks

from lib import helpers
from shop import models
from . import utils

api_client = helpers.make()


@admin.register(models.Order)
class OrderAdmin(admin.ModelAdmin):
    pass


@hooks.register("insert_editor_js")
def editor_js():
    return "client"


class ClientTests(TestCase):
    def test_register(self):
        self.client.get("/register/")
        api_client.register(models.Order)
'''

VIEWS = '''from lib import client, register


@client
def ping(request, word: str) -> str:
    return word


register(ping, "shop.ping")
'''


def _tree(root: Path) -> Path:
    files = {
        # The only file naming Mizan, and the package re-exporting it onward.
        "lib/mz.py": "from mizan_django import client, register\n",
        "lib/__init__.py": "from .mz import client, register\n",
        "lib/helpers.py": "def make():\n    return None\n",
        "shop/__init__.py": "",
        "shop/models.py": "class Order:\n    pass\n",
        "shop/views.py": VIEWS,
        "decoys/__init__.py": "",
        "decoys/utils.py": "",
    }
    files.update({f"decoys/d{i}.py": DECOY for i in range(DECOYS)})
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_decoys_are_not_parsed_and_a_reexported_client_is_found(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    index = ProjectIndex([root], display_root=root)
    result = index.build()
    assert [s.qualname for s in result.sites] == ["ping"]
    assert "shop.ping" in dumps_kdl(result.ir)
    assert result.diagnostics == ()
    # lib/mz.py, lib/__init__.py and shop/views.py; not one of the decoys.
    assert index.parsed == 3


def test_an_edit_that_adds_a_reexported_import_makes_the_file_count(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    index = ProjectIndex([root], display_root=root)
    index.build()
    extra = root / "decoys" / "d0.py"
    result = index.update_file(extra, extra.read_text() + "\nfrom lib import client\n\n\n"
                               "@client\ndef pong(request) -> int:\n    return 1\n")
    assert sorted(s.qualname for s in result.sites) == ["ping", "pong"]
    result = index.update_file(extra, "")
    assert [s.qualname for s in result.sites] == ["ping"]


def test_a_keystroke_that_keeps_what_a_file_reexports_skips_the_widening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fixpoint over every candidate's imports is the cost of a cold build; an
    # edit that leaves the re-exports as they were must not pay it again.
    root = _tree(tmp_path)
    index = ProjectIndex([root], display_root=root)
    index.build()
    views = root / "shop" / "views.py"

    def refuse() -> None:
        raise AssertionError("the widening ran again")

    monkeypatch.setattr(index, "_widen_candidates", refuse)
    result = index.update_file(views, VIEWS.replace("return word", "return word * 2"))
    assert [s.qualname for s in result.sites] == ["ping"]
    result = index.update_file(root / "decoys" / "d1.py", DECOY + "# edited\n")
    assert [s.qualname for s in result.sites] == ["ping"]


def test_an_edit_that_stops_reexporting_is_followed(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    index = ProjectIndex([root], display_root=root)
    index.build()
    result = index.update_file(root / "lib" / "__init__.py", "# mizan names moved away\n")
    assert result.sites == ()  # shop/views.py's `client` is no longer Mizan's


def test_a_module_the_runtime_never_imports_is_still_reported(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    (root / "config").mkdir()
    (root / "config" / "__init__.py").write_text("")
    (root / "config" / "apps.py").write_text(
        'from mizan_django import mizan_clients\n\nmizan_clients("shop")\n')
    index = ProjectIndex([root], display_root=root)
    result = index.build()
    assert [(d.code, d.file) for d in result.diagnostics] == \
        [("mizan-unreachable", "shop/views.py")]
    (root / "shop" / "clients.py").write_text("from . import views  # noqa: F401\n")
    assert ProjectIndex([root], display_root=root).build().diagnostics == ()


def test_every_import_spelling_of_a_reexported_name_is_followed(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    body = "\n\n@{deco}\ndef {name}(request) -> int:\n    return 1\n"
    spellings = {
        "paren": "from lib import (\n    helpers,\n    client,\n)\n" + body.format(deco="client",
                                                                          name="paren"),
        "star": "from lib import *\n" + body.format(deco="client", name="star"),
        "module": "import lib.mz as m\n" + body.format(deco="m.client", name="module"),
        "submodule": "from lib import mz\n" + body.format(deco="mz.client", name="submodule"),
        "continued": "from lib import helpers, \\\n    client\n" + body.format(deco="client",
                                                                              name="continued"),
    }
    for name, text in spellings.items():
        (root / "shop" / f"{name}.py").write_text(text)
    spellings["relative"] = "from . import client\n" + body.format(deco="client", name="relative")
    (root / "lib" / "relative.py").write_text(spellings["relative"])
    index = ProjectIndex([root], display_root=root)
    result = index.build()
    assert sorted(s.qualname for s in result.sites) == sorted([*spellings, "ping"])
    assert index.parsed == 3 + len(spellings)
