"""After a syntax error in a module the runtime imports, findings that only
say a name is unknown are held back: the name may be defined in the broken
file. Every other finding stands, and so do all of them when the broken file
is one the runtime never imports."""

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
from pydantic import BaseModel

from mizan_django import client, register

from . import extra


class CartOut(BaseModel):
    items: list[str]


@client(context="cart")
def cart(request, cart_id: int) -> CartOut:
    return CartOut(items=[])


register(cart, "cart")
register(extra.forgotten, "forgotten")
'''

FORMS = '''\
from django import forms

from mizan_django import client, register
from mizan_django.forms import mizanFormMeta, mizanFormMixin

from .clients import CartOut


class ContactForm(mizanFormMixin, forms.Form):
    mizan = mizanFormMeta(name="contact", affects="cart")

    email = forms.EmailField()


@client(affects="cart", rev=0)
def reorder(request, cart_id: int) -> CartOut:
    return CartOut(items=[])


register(reorder, "reorder")
'''

EXTRA = '''\
from mizan_django import client


@client
def forgotten(request) -> int:
    return 1
'''


def _project(root: Path, clients: str) -> Path:
    shop = root / "shop"
    shop.mkdir()
    for name, text in {"__init__": "", "apps": APPS, "clients": clients, "forms": FORMS,
                       "extra": EXTRA}.items():
        (shop / f"{name}.py").write_text(text)
    return root


def _found(root: Path) -> list[tuple[str, str, int]]:
    return [(d.code, d.file, d.line) for d in extract_ir([root]).diagnostics]


def test_the_project_is_clean_but_for_one_mistake_when_clients_parses(tmp_path: Path) -> None:
    root = _project(tmp_path, CLIENTS)
    assert [(c, line) for c, _, line in _found(root)] == [(catalogue.REV, 15)]


def test_a_broken_clients_module_hides_only_unknown_name_findings(tmp_path: Path) -> None:
    # `cart`, `CartOut`, the import of `extra` and `register(forgotten)` are all
    # in the broken file: without it, the affects targets name nothing,
    # `CartOut` is undefined, `forgotten` is unregistered and `extra` unreachable.
    root = _project(tmp_path, CLIENTS.replace("items: list[str]", "items: list[str"))
    found = _found(root)
    assert [(c, Path(f).name) for c, f, _ in found] == [
        (catalogue.SYNTAX, "clients.py"), (catalogue.REV, "forms.py")]


def test_a_broken_module_the_runtime_never_imports_hides_nothing(tmp_path: Path) -> None:
    root = _project(tmp_path, CLIENTS.replace("from . import extra\n", "").replace(
        'register(extra.forgotten, "forgotten")\n', ""))
    (root / "shop" / "orphan.py").write_text("from mizan_django import client\n\n\n"
                                             "@client\ndef orphan(request -> int: ...\n")
    codes = {c for c, _, _ in _found(root)}
    assert codes == {catalogue.SYNTAX, catalogue.REV, catalogue.UNREACHABLE}


def test_which_findings_only_say_a_name_is_unknown() -> None:
    from mizan_core.rules import Diagnostic, messages
    from mizan_core.rules.cascade import only_names_unknown

    def finding(code: str, message: str) -> Diagnostic:
        return Diagnostic(code, message, "shop/forms.py", 1, 1, 1, 2)

    held = [finding(catalogue.UNREGISTERED, messages.unregistered("later")),
            finding(catalogue.AFFECTS, messages.affects_unknown('"cart"', None)),
            finding(catalogue.AFFECTS, messages.affects_never_registered("later"))]
    kept = [finding(catalogue.AFFECTS, messages.affects_not_client("helper")),
            finding(catalogue.REV, "rev=0 is not a positive integer literal"),
            finding(catalogue.UNRESOLVED, "type `Thing` comes from `lib.Thing`, outside the "
                                          "source roots; it becomes `unknown` in TypeScript.")]
    assert [only_names_unknown(d) for d in held + kept] == [True] * 3 + [False] * 3
