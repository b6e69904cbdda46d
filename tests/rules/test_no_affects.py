"""`mizan-no-affects` through the real index, on the fixture project
tests/projects/no_affects (one function per form of write, and the quiet cases)."""

from __future__ import annotations

from pathlib import Path

from mizan_core.extract import ProjectIndex, extract_ir
from mizan_core.rules.catalogue import NO_AFFECTS
from mizan_core.rules.no_affects import suggested_affects

ROOT = Path(__file__).resolve().parents[2] / "tests" / "projects" / "no_affects"


def _found() -> dict[str, str]:
    result = ProjectIndex([ROOT], display_root=ROOT).build()
    return {d.message.split("`")[1]: d.message for d in result.diagnostics if d.code == NO_AFFECTS}


def test_each_form_of_write_is_caught_and_nothing_else() -> None:
    assert sorted(_found()) == ["add_item", "close_orders", "rename_cart", "tag_items"]


def test_the_message_names_the_write_its_line_and_the_helper() -> None:
    found = _found()
    assert "`cart.save()` on Cart, line 27)" in found["rename_cart"]
    assert ("`Item.objects.create()` on Item, line 11 of fx_orm.helpers, in "
            "`fx_orm.helpers._insert` which `add_item` calls") in found["add_item"]
    assert "`item.tags.add()` on Item, line 40" in found["tag_items"]
    assert "`Order.objects.filter(total=0).delete()` on Order" in found["close_orders"]
    assert "`affects=()` if no client shows what it changes" in found["rename_cart"]


def test_the_suggestion_is_the_context_reading_the_same_model() -> None:
    found = _found()
    assert suggested_affects(found["rename_cart"]) == 'affects="cart"'
    assert suggested_affects(found["add_item"]) == 'affects="cart"'  # reads cart.items (Item)
    assert suggested_affects(found["tag_items"]) == 'affects="cart"'
    assert suggested_affects(found["close_orders"]) == 'affects="orders"'


HEAD = '''\
from django.db import models

from mizan_django import client, register


class Note(models.Model):
    text = models.TextField()


'''


def _codes(tmp_path: Path, body: str, **modules: str) -> list[tuple[int, str]]:
    (tmp_path / "app.py").write_text(HEAD + body)
    for name, text in modules.items():
        (tmp_path / f"{name}.py").write_text(text)
    return [(d.line, d.message) for d in extract_ir([tmp_path]).diagnostics
            if d.code == NO_AFFECTS]


def test_non_orm_update_add_set_and_the_session_are_not_writes(tmp_path: Path) -> None:
    body = '''\
@client
def prefs(request, key: str) -> None:
    request.session["k"] = key
    request.session.save()
    d = {}
    d.update(k=key)
    s = set()
    s.add(key)
    s.clear()


register(prefs, "prefs")
'''
    assert _codes(tmp_path, body) == []


def test_a_chain_of_helpers_is_followed_to_a_fixed_depth(tmp_path: Path) -> None:
    helpers = ("from app import Note\n\n\ndef one():\n    two()\n\n\ndef two():\n    three()\n\n\n"
               "def three():\n    four()\n\n\ndef four():\n    Note.objects.all().delete()\n")
    body = ("from helpers import one, two\n\n\n@client\ndef far(request) -> None:\n    one()\n\n\n"
            "@client\ndef near(request) -> None:\n    two()\n\n\n"
            "register(far, \"far\")\nregister(near, \"near\")\n")
    found = _codes(tmp_path, body, helpers=helpers)
    assert [m.split("`")[1] for _, m in found] == ["near"]


def test_an_edit_that_adds_affects_silences_it(tmp_path: Path) -> None:
    body = ("@client\ndef wipe(request) -> None:\n    Note.objects.all().delete()\n\n\n"
            "register(wipe, \"wipe\")\n")
    (tmp_path / "app.py").write_text(HEAD + body)
    index = ProjectIndex([tmp_path])
    assert [d.code for d in index.build().diagnostics] == [NO_AFFECTS]
    edited = HEAD + body.replace("@client\n", "@client(affects=())\n")
    assert index.update_file(tmp_path / "app.py", edited).diagnostics == ()


def test_a_body_too_deep_to_walk_is_skipped_not_a_crash(tmp_path: Path) -> None:
    deep = " + ".join(["n"] * 1500)  # parses, but is deeper than a recursive walk goes
    helpers = f"from app import Note\n\n\ndef heavy(n):\n    return {deep}\n"
    body = ("from helpers import heavy\n\n\n@client\ndef calls_heavy(request) -> None:\n"
            "    heavy(1)\n    Note.objects.all().delete()\n\n\nregister(calls_heavy, \"h\")\n")
    assert [m.split("`")[1] for _, m in _codes(tmp_path, body, helpers=helpers)] == ["calls_heavy"]
