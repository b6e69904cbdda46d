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
