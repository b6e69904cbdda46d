"""A module the runtime imports that does not parse is a `mizan-syntax` error at
its line even when it mentions nothing of Mizan's (importing it fails, so the
server does not start); one the runtime never imports stays unread."""

from __future__ import annotations

from pathlib import Path

from mizan_core.extract import extract_ir
from mizan_core.rules import catalogue

APPS = '''\
from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "shop"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("shop")
'''

CLIENTS = '''\
from mizan_django import client, register

from . import helpers


@client
def total(request) -> int:
    return helpers.answer()


register(total, "total")
'''

BROKEN = '''\
"""Plain helpers."""


def answer() -> int:
    return (1 +
'''


def _project(root: Path, clients: str = CLIENTS) -> Path:
    shop = root / "shop"
    shop.mkdir()
    for name, text in {"__init__": "", "apps": APPS, "clients": clients,
                       "helpers": BROKEN}.items():
        (shop / f"{name}.py").write_text(text)
    return root


def test_a_broken_helper_the_clients_import_is_a_syntax_error_at_its_line(tmp_path: Path) -> None:
    found = [(d.code, d.severity, Path(d.file).relative_to(tmp_path).as_posix(), d.line, d.column)
             for d in extract_ir([_project(tmp_path)]).diagnostics]
    assert found == [(catalogue.SYNTAX, "error", "shop/helpers.py", 5, 12)]


def test_the_message_is_pythons_own(tmp_path: Path) -> None:
    (diagnostic,) = extract_ir([_project(tmp_path)]).diagnostics
    assert "'(' was never closed" in diagnostic.message


def test_a_broken_helper_nothing_imports_stays_unread(tmp_path: Path) -> None:
    root = _project(tmp_path, CLIENTS.replace("from . import helpers\n", "").replace(
        "helpers.answer()", "1"))
    assert extract_ir([root]).diagnostics == ()


def test_fixing_the_helper_clears_the_error(tmp_path: Path) -> None:
    from mizan_core.extract import ProjectIndex

    root = _project(tmp_path)
    index = ProjectIndex([root])
    assert [d.code for d in index.build().diagnostics] == [catalogue.SYNTAX]
    helpers = root / "shop" / "helpers.py"
    fixed = BROKEN.replace("(1 +\n", "(1 + 1)\n")
    helpers.write_text(fixed)
    assert index.update_file(helpers, fixed).diagnostics == ()
