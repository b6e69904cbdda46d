"""`affects_at`: is the cursor on an affects target, read from half-typed text."""

from __future__ import annotations

import pytest

from mizan_lsp._cursor import affects_at


def at(source: str):
    """`source` with a `|` where the cursor is."""
    offset = source.index("|")
    text = source.replace("|", "", 1)
    line = text.count("\n", 0, offset)
    character = offset - (text.rfind("\n", 0, offset) + 1)
    return affects_at(text, line, character)


@pytest.mark.parametrize("source, typed, name, quoted, closed, in_list", [
    ('@client(affects="|")', "", "", True, True, False),
    ('@client(affects="ca|rt")', "ca", "cart", True, True, False),
    ('@client(affects="ca|', "ca", "ca", True, False, False),  # half-typed: no closing quote
    ("@client(affects='cart|')", "cart", "cart", True, True, False),
    ('@client(affects=["cart", "cu|"])', "cu", "cu", True, True, True),
    ('@client(affects=[\n    "cart",\n    "|', "", "", True, False, True),
    ('@client(affects=[cart_fn, "glo|bal"])', "glo", "global", True, True, True),
    ('@client(affects=add_|item)', "add_", "add_item", False, False, False),
    ('@client(affects = "a.b|")', "a.b", "a.b", True, True, False),
])
def test_the_target_under_the_cursor(source, typed, name, quoted, closed, in_list) -> None:
    found = at(source)
    assert found is not None
    assert (found.typed, found.name, found.quoted, found.closed, found.in_list) == (
        typed, name, quoted, closed, in_list)


@pytest.mark.parametrize("source", [
    '@client(context="ca|")',  # another argument
    '@client(affects="cart", context="|")',
    'x = "affects=|"',
    '@client(affects=["cart"]|)',
    '@client(affects=3|)',
    "|",
])
def test_elsewhere_is_not_an_affects_target(source: str) -> None:
    assert at(source) is None


def test_the_edit_range_covers_the_whole_name() -> None:
    found = at('    @client(affects="ca|rt")')
    assert found is not None
    assert (found.line, found.start, found.end) == (0, 21, 25)


def test_a_position_past_the_text_is_no_target() -> None:
    assert affects_at('affects="x"', 5, 0) is None
