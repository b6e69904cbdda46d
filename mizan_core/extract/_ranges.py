"""Character ranges in source text from the positions Python's own parser gives.

`ast` gives every expression and statement its (line, byte column) start and
end; libcst's syntactic ranges are character offsets and, for most nodes, the
same stretch of text (both leave out a node's own parentheses). What `ast`
has no node for (a def's or class's name, a parameter list, a decorator's
`@`) is found in the text next to what it does give. Both readers of a file
(`_positions` for libcst's nodes, `_ast_reader` without libcst) ask these
rules, so the two agree by construction.

libcst imports nothing here: a cold read that never needs it never loads it.
"""

from __future__ import annotations

import re

__all__ = ["CLASS", "DEF", "GAP", "Offsets", "ast_exact", "decorator_at", "line_starts",
           "name_after", "params_range"]


def line_starts(code: str) -> list[int]:
    starts = [0]
    at = code.find("\n")
    while at != -1:
        starts.append(at + 1)
        at = code.find("\n", at + 1)
    return starts


def ast_exact(text: str) -> bool:
    """Whether `ast`'s positions of `text` are libcst's: Python counts a lone
    carriage return as a line break, libcst's offsets do not; libcst drops a
    form feed that starts a file; a byte order mark is not Python's text."""
    return "\f" not in text and not text.startswith("\ufeff") \
        and text.count("\r") == text.count("\r\n")


class Offsets:
    """(line, byte column) as Python's parser gives them -> character offsets in `text`."""

    def __init__(self, text: str, starts: list[int]) -> None:
        self.text = text
        self.starts = starts
        self.ascii = text.isascii()
        self.encoded: dict[int, bytes] = {}

    def __call__(self, line: int, column: int) -> int:
        start = self.starts[line - 1]
        if self.ascii:
            return start + column
        raw = self.encoded.get(line)
        if raw is None:
            end = self.starts[line] if line < len(self.starts) else len(self.text)
            raw = self.encoded[line] = self.text[start:end].encode()
        return start + len(raw[:column].decode())


_SPACE = r"(?:[ \t\f]|\\\r?\n)"
DEF = re.compile(rf"(?:async{_SPACE}+)?def{_SPACE}+")
CLASS = re.compile(rf"class{_SPACE}+")
_OPEN = re.compile(rf"{_SPACE}*\(")
GAP = re.compile(r"(?:\s|\\\r?\n|#[^\r\n]*)*")  # whitespace and comments inside brackets
_TRAILING = re.compile(r"(?:\s|\\\r?\n|#[^\r\n]*|,|/)*\)")


def name_after(text: str, start: int, keyword: re.Pattern[str], name: str) -> int | None:
    """Where the name of the `def` or `class` statement starting at `start` is
    (`ast` gives it no node), or None when it is not `name` as spelled."""
    found = keyword.match(text, start)
    if found is None or not text.startswith(name, found.end()):
        return None
    return found.end()


def decorator_at(text: str, start: int) -> int | None:
    """The offset of the `@` of a decorator whose expression starts at `start`,
    or None when something else (a parenthesis, a line break) comes between."""
    at = start - 1
    while at >= 0 and text[at] in " \t\f":
        at -= 1
    return at if at >= 0 and text[at] == "@" else None


def params_range(text: str, name_end: int, last: int) -> tuple[int, int] | None:
    """A def's parameter list, inside its parentheses and their whitespace and
    comments: the name ends at `name_end`, the last parameter (with its default)
    at `last` (-1: none). None when the text does not read so."""
    opened = _OPEN.match(text, name_end)
    if opened is None:
        return None
    gap = GAP.match(text, opened.end())
    first = opened.end() if gap is None else gap.end()
    close = _TRAILING.match(text, max(last, opened.end()))
    return None if close is None else (first, close.end() - 1)
