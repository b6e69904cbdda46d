"""Project-wide checks (`mizan_core.rules.checks`) through the real index: a
mistake is reported once, by the rule that names it, never echoed by another."""

from __future__ import annotations

from pathlib import Path

from mizan_core.extract import extract_ir
from mizan_core.rules import catalogue

HEADER = '''\
from django import forms

from mizan_django import client, register
from mizan_django.channels import ReactChannel
from mizan_django.forms import mizanFormMeta, mizanFormMixin


@client
def dup1(request) -> int:
    return 1


@client
def dup2(request) -> int:
    return 2


'''


def codes(tmp_path: Path, source: str, **modules: str) -> list[tuple[str, int, str]]:
    (tmp_path / "shop.py").write_text(HEADER + source)
    for name, text in modules.items():
        (tmp_path / f"{name}.py").write_text(text)
    return sorted((d.code, d.line, d.message) for d in extract_ir([tmp_path]).diagnostics)


def test_losing_a_duplicate_name_is_not_also_unregistered(tmp_path: Path) -> None:
    found = codes(tmp_path, 'register(dup1, "dup")\nregister(dup2, "dup")\n')
    assert [(c, line) for c, line, _ in found] == [(catalogue.DUPLICATE, 19)]
    assert "'dup' is already registered by function shop.dup1" in found[0][2]


def test_a_function_losing_to_a_channel_is_not_also_unregistered(tmp_path: Path) -> None:
    # `chan` is imported before `shop` (module order), so the channel holds "dup".
    channel = "from mizan_django.channels import ReactChannel\n\n\nclass Dup(ReactChannel):\n    pass\n"
    found = codes(tmp_path, 'register(dup1, "dup1")\nregister(dup2, "dup")\n', chan=channel)
    assert [(c, line) for c, line, _ in found] == [(catalogue.DUPLICATE, 19)]
    assert "'dup' is already registered by channel chan.Dup" in found[0][2]


def test_a_function_never_registered_is_still_reported(tmp_path: Path) -> None:
    found = codes(tmp_path, 'register(dup1, "dup")\n')
    assert [(c, line) for c, line, _ in found] == [(catalogue.UNREGISTERED, 14)]


FORM = '''\
class {cls}(mizanFormMixin, forms.Form):
    mizan = mizanFormMeta(name="contact")

    email = forms.EmailField()


'''


def test_two_forms_with_one_name_give_one_duplicate(tmp_path: Path) -> None:
    """A form claims four names (`contact`, `contact.schema`, ...): the loser
    hears about its declaration once, not once per derived name."""
    found = codes(tmp_path, FORM.format(cls="ContactForm") + FORM.format(cls="OtherContactForm")
                  + 'register(dup1, "dup1")\nregister(dup2, "dup2")\n')
    assert [(c, line) for c, line, _ in found] == [(catalogue.DUPLICATE, 25)]
    assert found[0][2].startswith("the name 'contact' is already registered by form "
                                  "shop.ContactForm (")
    assert "shop.py:19)" in found[0][2]


def test_a_form_losing_one_derived_name_names_it(tmp_path: Path) -> None:
    found = codes(tmp_path, FORM.format(cls="ContactForm")
                  + 'register(dup1, "contact.submit")\nregister(dup2, "dup2")\n')
    # Within a module register() calls are read before forms: the function holds the name.
    assert [(c, line) for c, line, _ in found] == [(catalogue.DUPLICATE, 19)]
    assert "'contact.submit' is already registered by function shop.dup1" in found[0][2]


def test_each_losing_register_call_is_reported(tmp_path: Path) -> None:
    found = codes(tmp_path, 'register(dup1, "a")\nregister(dup1, "b")\n'
                            'register(dup2, "a")\nregister(dup2, "b")\n')
    assert [(c, line) for c, line, _ in found] == [(catalogue.DUPLICATE, 20),
                                                    (catalogue.DUPLICATE, 21)]
    assert ["'a'" in found[0][2], "'b'" in found[1][2]] == [True, True]
