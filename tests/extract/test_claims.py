"""The static claims table publishes what the runtime registry would hold:
the first claim of a name wins, and a form or channel that lost any of its
names is not declared at all (its winner and the other declarations are)."""

from __future__ import annotations

from pathlib import Path

from mizan_core.extract import extract_ir

SOURCE = '''\
from django import forms

from mizan_django import client, register
from mizan_django.channels import ReactChannel
from mizan_django.forms import mizanFormMeta, mizanFormMixin


@client
def submit(request) -> int:
    return 1


@client
def chat(request) -> int:
    return 2


register(submit, "contact.submit")
register(chat, "chat")


class ContactForm(mizanFormMixin, forms.Form):
    mizan = mizanFormMeta(name="contact")

    email = forms.EmailField()


class SignupForm(mizanFormMixin, forms.Form):
    mizan = mizanFormMeta(name="signup")

    email = forms.EmailField()


class ChatChannel(ReactChannel):
    pass


class NewsChannel(ReactChannel):
    pass
'''


def test_a_declaration_that_lost_a_name_is_not_published(tmp_path: Path) -> None:
    (tmp_path / "shop.py").write_text(SOURCE)
    result = extract_ir([tmp_path])
    ir = result.ir
    # register() calls are read before the classes: the functions hold their names.
    assert [f.name for f in ir.functions] == ["chat", "contact.submit"]
    assert [f.qualname for f in ir.forms] == ["SignupForm"]
    assert [c.qualname for c in ir.channels] == ["NewsChannel"]
    assert sorted(d.line for d in result.diagnostics if d.code == "mizan-duplicate") == [23, 34]
