"""A source text cut into top-level statements, and a bounded cache of what each piece read to.

An editor re-reads a file on every keystroke; most of the file is the same
as last time. A cheap line scan cuts the text where a line at column 0
starts a statement (not a comment, not a closing bracket, not an
`else`/`elif`/`except`/`finally` continuation, a decorator kept with what it
decorates, nothing inside a triple-quoted string or after a backslash), so
that each piece is read once and found again by its text.

The scan may be wrong. Cutting too rarely is harmless: a piece holding two
statements reads as both. Cutting where no statement starts leaves a piece
that ends inside a string, a bracket or a continuation, which does not parse
on its own: the caller then reads the whole file instead, so a wrong cut
costs time, never a different answer.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from itertools import pairwise
from typing import Generic, TypeVar

__all__ = ["ChunkCache", "split_statements"]

# a line at column 0 that can start a statement
_START = re.compile(r"^(?=[^ \t\f\v\r\n#)\]}\\])(?!(?:else|elif|except|finally)\b)", re.MULTILINE)
_TRIPLE = re.compile(r"\"\"\"|'''")

_V = TypeVar("_V")


def _in_strings(text: str) -> list[tuple[int, int]]:
    """(start, end) of each triple-quoted string, as far as pairing the quotes tells."""
    spans: list[tuple[int, int]] = []
    opened: tuple[str, int] | None = None
    for found in _TRIPLE.finditer(text):
        quote = found.group()
        if opened is None:
            opened = (quote, found.start())
        elif quote == opened[0]:
            spans.append((opened[1], found.end()))
            opened = None
    if opened is not None:
        spans.append((opened[1], len(text)))
    return spans


def split_statements(text: str) -> list[tuple[str, int]]:
    """The pieces of `text`, in order, each with the number of lines before it;
    joined, they are `text`."""
    strings = _in_strings(text)
    cuts = [0]
    inside = 0
    decorating = text.startswith("@")  # the piece so far is decorators: what they decorate joins it
    for found in _START.finditer(text):
        at = found.start()
        if at == 0 or at == len(text):
            continue
        while inside < len(strings) and strings[inside][1] <= at:
            inside += 1
        if inside < len(strings) and strings[inside][0] < at:
            continue
        if text[at - 2:at - 1] == "\\" or text[at - 3:at - 1] == "\\\r":
            continue
        if not decorating:
            cuts.append(at)
        decorating = text[at] == "@"
    cuts.append(len(text))
    pieces: list[tuple[str, int]] = []
    lines = 0
    for start, end in pairwise(cuts):
        piece = text[start:end]
        pieces.append((piece, lines))
        lines += piece.count("\n")
    return pieces


class ChunkCache(Generic[_V]):
    """A least-recently-used map, safe to share between threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[object, _V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: object) -> _V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def get_all(self, keys: list[object]) -> list[_V | None]:
        with self._lock:
            found = [self._items.get(key) for key in keys]
            for key, value in zip(keys, found, strict=True):
                if value is not None:
                    self._items.move_to_end(key)
            return found

    def put(self, key: object, value: _V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
