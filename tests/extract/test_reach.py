"""The static side models exactly the modules the running server imports.

`mizan_clients("app")` imports the app's clients, forms and channels modules;
everything they import (at module level or inside a function) is imported
too. What lives anywhere else is in no IR and is `mizan-unreachable`.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from mizan_core.extract import ProjectIndex, extract_ir

APPS = '''\
from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "notes"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("notes")
'''

FUNCTION = '''\
from mizan_django import client, register


@client
def {name}(request) -> int:
    return 0


register({name}, "{name}")
'''

FORM = '''\
from django import forms

from mizan_django.forms import mizanFormMeta, mizanFormMixin


class {name}(mizanFormMixin, forms.Form):
    mizan = mizanFormMeta(name="{name}")

    text = forms.CharField()
'''


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return tmp_path


def _unreachable(result: object) -> list[tuple[str, int]]:
    return sorted((d.file.rsplit("/", 1)[-1], d.line) for d in result.diagnostics  # type: ignore[attr-defined]
                  if d.code == "mizan-unreachable")


def test_clients_forms_and_channels_are_imported_and_other_modules_are_not(tmp_path: Path) -> None:
    root = _project(tmp_path, {
        "notes/__init__.py": "", "notes/apps.py": APPS,
        "notes/clients.py": FUNCTION.format(name="served"),
        "notes/forms.py": FORM.format(name="Served"),
        "notes/extra.py": FUNCTION.format(name="hidden"),
        "notes/drafts.py": FORM.format(name="Hidden"),
    })
    result = extract_ir([root])
    assert [f.name for f in result.ir.functions] == ["served"]
    assert [f.name for f in result.ir.forms] == ["Served"]
    assert _unreachable(result) == [("drafts.py", 7), ("extra.py", 5)]
    message = next(d.message for d in result.diagnostics if d.file.endswith("extra.py"))
    assert message.startswith("@client function `hidden` is in `notes.extra`, a module the "
                              "running server never imports (`mizan_clients(...)` imports "
                              "notes.clients, notes.forms)")
    # Its register() call does not run either: no duplicate, no unregistered.
    assert {d.code for d in result.diagnostics} == {"mizan-unreachable"}


def test_a_module_imported_by_clients_directly_inside_ready_or_through_a_plain_module_counts(
        tmp_path: Path) -> None:
    root = _project(tmp_path, {
        "notes/__init__.py": FUNCTION.format(name="in_package"),
        "notes/apps.py": APPS.replace('mizan_clients("notes")',
                                      'mizan_clients("notes")\n        import notes.late  # noqa'),
        "notes/clients.py": "from . import direct\nfrom notes.helpers import tool\n",
        "notes/direct.py": FUNCTION.format(name="direct"),
        "notes/late.py": FUNCTION.format(name="late"),
        "notes/helpers.py": "from notes import deep\n\ndef tool():\n    return deep\n",
        "notes/deep.py": FUNCTION.format(name="deep"),
    })
    result = extract_ir([root])
    assert [f.name for f in result.ir.functions] == ["deep", "direct", "in_package", "late"]
    assert _unreachable(result) == []


def test_without_a_mizan_clients_call_every_module_counts(tmp_path: Path) -> None:
    root = _project(tmp_path, {"shop/__init__.py": "", "shop/anything.py":
                               FUNCTION.format(name="anything")})
    result = extract_ir([root])
    assert [f.name for f in result.ir.functions] == ["anything"]
    assert _unreachable(result) == []


def test_apps_that_are_not_literals_make_every_module_count(tmp_path: Path) -> None:
    root = _project(tmp_path, {
        "notes/__init__.py": "",
        "notes/apps.py": APPS.replace('mizan_clients("notes")', "mizan_clients(*APPS)"),
        "notes/extra.py": FUNCTION.format(name="extra"),
    })
    assert [f.name for f in extract_ir([root]).ir.functions] == ["extra"]


def test_an_edit_that_imports_the_module_makes_it_reachable(tmp_path: Path) -> None:
    root = _project(tmp_path, {
        "notes/__init__.py": "", "notes/apps.py": APPS,
        "notes/clients.py": FUNCTION.format(name="served"),
        "notes/extra.py": FUNCTION.format(name="hidden"),
    })
    index = ProjectIndex([root])
    assert _unreachable(index.build()) == [("extra.py", 5)]
    result = index.update_file(root / "notes/clients.py",
                               "from notes import extra  # noqa\n" + FUNCTION.format(name="served"))
    assert _unreachable(result) == []
    assert [f.name for f in result.ir.functions] == ["hidden", "served"]


def test_from_a_package_importing_a_name_it_binds_does_not_import_the_submodule(
        tmp_path: Path) -> None:
    # `notes/__init__` binds `extra` itself: `from notes import extra` takes that
    # object and never imports notes/extra.py (Python looks the attribute up first).
    root = _project(tmp_path, {
        "notes/__init__.py": "extra = 1\n", "notes/apps.py": APPS,
        "notes/clients.py": "from notes import extra  # noqa\n" + FUNCTION.format(name="served"),
        "notes/extra.py": FUNCTION.format(name="hidden"),
    })
    result = extract_ir([root])
    assert [f.name for f in result.ir.functions] == ["served"]
    assert _unreachable(result) == [("extra.py", 5)]


KINDS = {"notes/__init__.py": "", "notes/apps.py": APPS,
         "notes/kinds/models.py": "from typing import Literal\n\nkind = Literal['a', 'b']\n",
         "notes/kinds/kind.py": "from pydantic import BaseModel\n\n\nclass Shape(BaseModel):\n"
                                "    sides: int\n"}
USES_KIND = '''\
from mizan_django import client, register
from notes.kinds import kind


@client
def label(request, k: kind) -> int:
    return 0


register(label, "label")
'''


def _kind(tmp_path: Path, init: str, clients: str = USES_KIND,
          **more: str) -> tuple[object, list[str]]:
    root = _project(tmp_path, {**KINDS, "notes/kinds/__init__.py": init,
                               "notes/clients.py": clients, **more})
    result = extract_ir([root])
    fn = result.ir.function("label")
    assert fn is not None
    return fn.params[0].type, [d.message for d in result.diagnostics]


def test_a_package_name_is_its_own_object_while_nothing_imports_the_same_named_submodule(
        tmp_path: Path) -> None:
    from mizan_core.ir import LiteralOf

    assert _kind(tmp_path, "from .models import kind\n") == (LiteralOf(("a", "b")), [])


def test_a_package_name_is_the_submodule_once_a_runtime_module_imports_it_after_the_binding(
        tmp_path: Path) -> None:
    from mizan_core.ir import Unknown

    kind, messages = _kind(tmp_path, "from .models import kind\n",
                           "import notes.kinds.kind  # noqa: F401\n" + USES_KIND)
    assert kind == Unknown("kind")
    assert len(messages) == 1 and "import order" not in messages[0]
    # The package itself importing the submodule after its binding: the same.
    after, _ = _kind(tmp_path / "after", "from .models import kind\nfrom .kind import Shape\n")
    assert after == Unknown("kind")


def test_a_package_importing_the_submodule_before_its_binding_keeps_its_object(
        tmp_path: Path) -> None:
    from mizan_core.ir import LiteralOf

    init = "from .kind import Shape\nfrom .models import kind\n"
    assert _kind(tmp_path, init, "import notes.kinds.kind  # noqa: F401\n" + USES_KIND) \
        == (LiteralOf(("a", "b")), [])


def test_a_submodule_imported_through_another_module_before_the_binding_is_order_dependent(
        tmp_path: Path) -> None:
    from mizan_core.ir import Unknown

    # `tool()` imports the submodule: before the binding if something calls it
    # while the package is importing, after it otherwise.
    kind, messages = _kind(tmp_path, "from .helpers import tool\nfrom .models import kind\n",
                           **{"notes/kinds/helpers.py": "def tool():\n"
                                                        "    from .kind import Shape\n"
                                                        "    return Shape\n"})
    assert kind == Unknown("kind")
    (message,) = messages
    assert "depends on import order" in message


def test_an_edit_that_imports_the_submodule_makes_the_package_name_the_submodule(
        tmp_path: Path) -> None:
    from mizan_core.ir import LiteralOf, Unknown

    # The import is in another module than the one naming `kind`.
    root = _project(tmp_path, {**KINDS, "notes/kinds/__init__.py": "from .models import kind\n",
                               "notes/clients.py": USES_KIND, "notes/forms.py": ""})
    index = ProjectIndex([root])
    assert index.build().ir.function("label").params[0].type == LiteralOf(("a", "b"))  # type: ignore[union-attr]
    edited = index.update_file(root / "notes/forms.py", "import notes.kinds.kind  # noqa: F401\n")
    assert edited.ir.function("label").params[0].type == Unknown("kind")  # type: ignore[union-attr]
    undone = index.update_file(root / "notes/forms.py", "")
    assert undone.ir.function("label").params[0].type == LiteralOf(("a", "b"))  # type: ignore[union-attr]
