"""Is the cursor on an `affects` target? Answered from the text alone.

Completion runs while the user types `affects="ca` — text that does not
parse — so this reads the characters before the cursor instead of a syntax
tree: the text after `affects=` (optionally inside `[...]`, after earlier
items) up to the cursor must be one unfinished string or identifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["AffectsCursor", "affects_at", "offset_of"]

_ITEM = r"""(?:"[^"\n]*"|'[^'\n]*'|[A-Za-z_][\w.]*)"""
# `affects=` then, inside a list, finished items each followed by a comma,
# then the item under the cursor: an open quote (or none) and a partial name.
_BEFORE = re.compile(
    r"""(?<!["'])\baffects\s*=\s*(?P<list>\[\s*(?:""" + _ITEM + r"""\s*,\s*)*)?"""
    r"""(?P<quote>["']?)(?P<typed>[\w.\-]*)\Z"""
)
_AFTER = re.compile(r"""[\w.\-]*""")
_LOOKBACK = 4000  # characters: an affects list longer than this is not typed by hand


@dataclass(frozen=True)
class AffectsCursor:
    typed: str  # the part of the name before the cursor
    name: str  # the whole name under the cursor
    line: int  # 0-based
    start: int  # 0-based column where the name starts
    end: int  # exclusive
    quoted: bool  # a string target (a name) or a bare identifier (a function)
    closed: bool  # the closing quote is already there
    in_list: bool


def offset_of(text: str, line: int, character: int) -> int | None:
    """The string offset of a 0-based position, None when past the text."""
    offset = 0
    for _ in range(line):
        newline = text.find("\n", offset)
        if newline < 0:
            return None
        offset = newline + 1
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    return min(offset + character, line_end)


def affects_at(text: str, line: int, character: int) -> AffectsCursor | None:
    offset = offset_of(text, line, character)
    if offset is None:
        return None
    before = text[max(0, offset - _LOOKBACK):offset]
    match = _BEFORE.search(before)
    if match is None:
        return None
    quote, typed = match.group("quote"), match.group("typed")
    if not quote and typed and not (typed[0].isalpha() or typed[0] == "_"):
        return None
    rest = _AFTER.match(text, offset)
    tail = rest.group(0) if rest else ""
    after_name = offset + len(tail)
    closed = bool(quote) and text[after_name:after_name + 1] == quote
    return AffectsCursor(
        typed=typed, name=typed + tail, line=line,
        start=character - len(typed), end=character + len(tail),
        quoted=bool(quote), closed=closed, in_list=match.group("list") is not None,
    )
