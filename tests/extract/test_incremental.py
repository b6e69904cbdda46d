"""A keystroke re-resolves only what the edit touched: whatever the index
keeps from the last result (module parts, the runtime's imports, the ORM
answers, the widening) must leave the result exactly what a fresh build of
the same text gives. Random edits, one file at a time, each compared with a
full build of the tree as it now stands."""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mizan_core.extract import ProjectIndex

from ._golden import PROJECTS
from .test_reached_syntax import APPS

Edit = Callable[[random.Random, str], str]


def _lines(edit: Callable[[random.Random, list[str]], None]) -> Edit:
    def apply(rng: random.Random, text: str) -> str:
        lines = text.split("\n")
        edit(rng, lines)
        return "\n".join(lines)
    return apply


def _drop_line(rng: random.Random, lines: list[str]) -> None:
    if lines:
        del lines[rng.randrange(len(lines))]


def _copy_line(rng: random.Random, lines: list[str]) -> None:
    if lines:
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])


def _comment_import(rng: random.Random, lines: list[str]) -> None:
    found = [i for i, line in enumerate(lines) if re.match(r"\s*(from|import) ", line)]
    if found:
        i = rng.choice(found)
        lines[i] = re.sub(r"^(\s*)", r"\1pass  # ", lines[i], count=1)


def _swap_words(rng: random.Random, text: str) -> str:
    pairs = [('"cart"', '"orders"'), (".create(", ".filter("), ("context=", "affects="),
             ("register(", "print("), ('mizan_clients("', 'mizan_clients("x'), ("int", "str"),
             ("affects=", "context=")]
    old, new = rng.choice(pairs)
    return text.replace(old, new, 1) if old in text else text + "\n# nothing to swap\n"


EDITS: list[Edit] = [_lines(_drop_line), _lines(_copy_line), _lines(_comment_import), _swap_words,
                     lambda rng, text: text + "\n# a comment\n"]


def _full(root: Path) -> tuple[str, tuple[object, ...]]:
    result = ProjectIndex([root], display_root=root).build()
    return result.export("json"), result.diagnostics


def _where(root: Path) -> tuple[object, ...]:
    """What an editor reads besides the findings: the sites and the files."""
    result = ProjectIndex([root], display_root=root).build()
    return result.sites, result.registers, result.paths


@pytest.mark.parametrize("name", ["no_affects", "contexts", "imports", "forms_channels"])
def test_random_edits_give_what_a_full_build_gives(tmp_path: Path, name: str) -> None:
    root = tmp_path / name
    shutil.copytree(PROJECTS / name, root, ignore=shutil.ignore_patterns("expected*"))
    files = sorted(root.rglob("*.py"))
    originals = {f: f.read_text() for f in files}
    index = ProjectIndex([root], display_root=root)
    index.build()
    rng = random.Random(f"incremental-{name}")
    package = files[0].parent
    extras: list[str] = []
    for step in range(30):
        roll = rng.random()
        if roll < 0.15:  # a module appears, importing one that is there
            path = package / f"extra{step}.py"
            extras.append(path.stem)
            text = f"from .{files[-1].stem} import *\nfrom mizan_django import client\n" \
                   f"\n\n@client\ndef extra{step}(request) -> int:\n    return 1\n"
            path.write_text(text)
            files.append(path)
            result = index.update_file(path, text)
        elif roll < 0.2 and len(files) > 2:  # one goes
            path = files.pop(rng.randrange(len(files)))
            path.unlink()
            result = index.remove_file(path)
        elif roll < 0.3 and extras:  # a module the runtime reaches starts (or stops) importing one
            path = rng.choice([f for f in files if f.stem in ("clients", "models", "apps")]
                              or files)
            line = f"from . import {rng.choice(extras)}\n"
            text = path.read_text()
            text = text.replace(line, "") if line in text else text + "\n" + line
            path.write_text(text)
            result = index.update_file(path, text)
        elif roll < 0.4:  # back to what it was
            path = rng.choice([f for f in files if f in originals])
            path.write_text(originals[path])
            result = index.update_file(path, originals[path])
        else:
            path = rng.choice(files)
            text = rng.choice(EDITS)(rng, path.read_text())
            path.write_text(text)
            result = index.update_file(path, text)
        what = f"{name}, step {step}: {path.relative_to(root)}"
        ir, diagnostics = _full(root)
        assert result.diagnostics == diagnostics, what
        assert result.export("json") == ir, what
        assert (result.sites, result.registers, result.paths) == _where(root), what


MODELS = "from pydantic import BaseModel\n\n\nclass Item(BaseModel):\n    name: str\n"
ORDERS = '''\
from mizan_django import client, register

from .models import Item


@client
def order(request) -> Item:
    return Item(name="a")


register(order, "order")
'''
USERS = '''\
from mizan_django import client, register


@client
def user(request) -> int:
    return 1


register(user, "user")
'''


def test_an_edit_re_resolves_only_the_modules_that_read_the_edited_one(tmp_path: Path) -> None:
    package = tmp_path / "shop"
    package.mkdir()
    for name, text in {"__init__": "", "models": MODELS, "orders": ORDERS, "users": USERS}.items():
        (package / f"{name}.py").write_text(text)
    index = ProjectIndex([tmp_path], display_root=tmp_path)
    index.build()
    assert index.resolutions == {"shop.orders": 1, "shop.users": 1}

    def resolved_by(path: Path, text: str) -> dict[str, int]:
        before = dict(index.resolutions)
        path.write_text(text)
        result = index.update_file(path, text)
        assert result.export("json") == _full(tmp_path)[0]
        return {m: n - before.get(m, 0) for m, n in index.resolutions.items()
                if n != before.get(m, 0)}

    assert resolved_by(package / "users.py", USERS.replace("-> int", "-> str")) == {"shop.users": 1}
    # `orders` reads `Item` from `models`: it is resolved again, `users` is not.
    assert resolved_by(package / "models.py", MODELS.replace("name: str", "name: int")) == {
        "shop.orders": 1}
    assert resolved_by(package / "orders.py", ORDERS + "\n# a comment\n") == {"shop.orders": 1}
    assert index.result.ir.model("shop.models.Item") is not None


CLIENTS = '''\
from mizan_django import client, register

from . import orders, users  # noqa: F401


@client(context="cart")
def cart_items(request, cart_id: int) -> int:
    return 0


@client(context="cart")
def cart_total(request, cart_id: int) -> int:
    return 0


register(cart_items, "cart_items")
register(cart_total, "cart_total")
'''
SHOP_ORDERS = '''\
from mizan_django import client, register


@client(affects="cart")
def order(request) -> int:
    return 1


@client(affects="user")
def rename(request) -> int:
    return 1


register(order, "order")
register(rename, "rename")
'''
SHOP_FORMS = '''\
from django import forms

from mizan_django.forms import mizanFormMeta, mizanFormMixin


class SignupForm(mizanFormMixin, forms.Form):
    mizan = mizanFormMeta(name="signup", affects="cart")

    email = forms.EmailField()
'''
SHOP_CHANNELS = '''\
from pydantic import BaseModel

from mizan_django.channels import ReactChannel


class Notice(BaseModel):
    text: str


class LiveChannel(ReactChannel):
    DjangoMessage = Notice
'''
MISC = '''\
from mizan_django import client, register


@client
def misc(request) -> int:
    return 1


register(misc, "misc")
'''
ORPHAN = MISC.replace("misc", "orphan")

#: (what the edit does, file, old, new): each edit changes what the editor
#: shows, through one thing the index keeps between keystrokes
STEPS = [
    ("an affects= target names nothing", "shop/orders.py", 'affects="cart"', 'affects="carts"'),
    ("it names a context again", "shop/orders.py", 'affects="carts"', 'affects="cart"'),
    ("two functions of a context disagree on a parameter", "shop/clients.py",
     "def cart_total(request, cart_id: int)", "def cart_total(request, cart_id: str)"),
    ("a function is registered under another name, which an affects= named",
     "shop/users.py", 'register(user, "user")', 'register(user, "member")'),
    ("a register() call goes", "shop/users.py", 'register(user, "member")\n', ""),
    ("a module gains a function it registers", "shop/users.py", "\n\n@client\ndef user(",
     ('\n\n@client\ndef guest(request) -> int:\n    return 2\n\n\nregister(guest, "guest")\n'
      "\n\n@client\ndef user(")),
    ("a form's field changes, its names do not", "shop/forms.py", "forms.EmailField()",
     "forms.CharField()"),
    ("a channel's messages change, its name does not", "shop/channels.py",
     "    DjangoMessage = Notice", "    ReactMessage = Notice"),
    ("the context a form's affects= names goes", "shop/clients.py", 'context="cart")',
     'context="basket")'),
    ("a function registered first takes the form's name", "shop/clients.py",
     'register(cart_items, "cart_items")', 'register(cart_items, "signup")'),
    ("a function registered first takes the channel's name", "shop/clients.py",
     'register(cart_total, "cart_total")', 'register(cart_total, "{channel}")'),
    ("the runtime imports another app's clients: an unreachable module is told so",
     "shop/apps.py", 'mizan_clients("shop")', 'mizan_clients("shop", "misc")'),
]


def _snapshot(result: object) -> tuple[object, ...]:
    from mizan_core.extract import IndexResult

    assert isinstance(result, IndexResult)
    return (result.diagnostics, result.export("json"), result.sites, result.registers,
            result.paths)


def test_each_kept_result_follows_the_edit_that_changes_it(tmp_path: Path) -> None:
    files = {"shop/__init__.py": "", "shop/apps.py": APPS, "shop/clients.py": CLIENTS,
             "shop/orders.py": SHOP_ORDERS, "shop/users.py": USERS, "shop/forms.py": SHOP_FORMS,
             "shop/channels.py": SHOP_CHANNELS, "misc/__init__.py": "", "misc/clients.py": MISC,
             "loose/__init__.py": "", "loose/orphan.py": ORPHAN}
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    index = ProjectIndex([tmp_path], display_root=tmp_path)
    before = _snapshot(index.build())
    (channel,) = index.result.ir.channels
    for what, rel, old, new in STEPS:
        path = tmp_path / rel
        text = path.read_text()
        new = new.format(channel=channel.name)
        assert old in text, what
        text = text.replace(old, new)
        path.write_text(text)
        now = _snapshot(index.update_file(path, text))
        full = _snapshot(ProjectIndex([tmp_path], display_root=tmp_path).build())
        for kept, fresh, name in zip(now, full, ("diagnostics", "IR", "sites", "registers",
                                                  "paths")):
            assert kept == fresh, f"{what}: {name}"
        assert now != before, f"{what}: the edit changes nothing the editor shows"
        before = now
