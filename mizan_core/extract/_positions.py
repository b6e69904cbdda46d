"""Source ranges for libcst nodes, about 5x cheaper than libcst's PositionProvider.

libcst's own provider tracks line and column for every token with a regex
and allocates a `CodeRange` per node: on a 300-line file that costs twice the
parse, too slow for an editor that re-reads the file on every keystroke. This
codegen state keeps one running character offset, records `(start, end)`
offsets with the same syntactic rules as `PositionProvider` (tests compare the
two), and converts offsets to 1-based line/column only for the few nodes a
diagnostic or a location actually needs.

It subclasses libcst's internal `CodegenState` and calls the nodes' `_codegen`:
libcst's public position providers (`PositionProvider`, `ByteSpanPositionProvider`)
generate every node of the module and cost about 4x as much. The dependency is
pinned to the libcst releases this was tested on (tests/extract/test_positions.py
compares it with `PositionProvider` on every node).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from contextlib import contextmanager

import libcst as cst
from libcst._nodes.internal import CodegenState  # private-api: 4x cheaper than public providers

from mizan_core.rules.sites import Span

__all__ = ["Positions", "Span"]


class _OffsetState(CodegenState):
    def __init__(self, module: cst.Module, skip: set[int]) -> None:
        super().__init__(default_indent=module.default_indent,
                         default_newline=module.default_newline)
        self.offset = 0
        self.stack: list[int] = []
        self.ranges: dict[cst.CSTNode, tuple[int, int]] = {}
        # Statements nobody asks positions of (imports, undecorated helpers) are
        # still generated (their length moves the offset) but not recorded.
        self.skip = skip
        self.skipping = 0

    def add_indent_tokens(self) -> None:
        self.tokens.extend(self.indent_tokens)
        for token in self.indent_tokens:
            self.offset += len(token)

    def add_token(self, value: str) -> None:
        self.tokens.append(value)
        self.offset += len(value)

    @contextmanager
    def record_syntactic_position(self, node: cst.CSTNode, *, start_node: cst.CSTNode | None = None,
                                  end_node: cst.CSTNode | None = None) -> Iterator[None]:
        if self.skipping:
            yield
            return
        start = self.offset
        try:
            yield
        finally:
            ranges = self.ranges
            begin = ranges[start_node][0] if start_node is not None else start
            end = ranges[end_node][1] if end_node is not None else self.offset
            ranges[node] = (begin, end)

    def before_codegen(self, node: cst.CSTNode) -> None:
        if self.skipping or id(node) in self.skip:
            self.skipping += 1
            return
        self.stack.append(self.offset)

    def after_codegen(self, node: cst.CSTNode) -> None:
        if self.skipping:
            self.skipping -= 1
            return
        start = self.stack.pop()
        if node not in self.ranges:
            self.ranges[node] = (start, self.offset)


_STUB_BODY = cst.SimpleStatementSuite(body=[cst.Pass()])


def _line_starts(code: str) -> list[int]:
    starts = [0]
    at = code.find("\n")
    while at != -1:
        starts.append(at + 1)
        at = code.find("\n", at + 1)
    return starts


def _find_line_start(text: str, piece: str, start: int) -> int:
    at = text.find(piece, start)
    while at > 0 and text[at - 1] != "\n":
        at = text.find(piece, at + 1)
    return at


class Positions:
    """Offsets of every node of one module, and their line/column spans."""

    def __init__(self, module: cst.Module, skip: set[int] | None = None) -> None:
        """`skip`: ids of statements whose inner positions are never asked for."""
        state = _OffsetState(module, skip or set())
        module._codegen(state)
        self._ranges = state.ranges
        self.code = "".join(state.tokens)
        self._line_starts = _line_starts(self.code)

    @classmethod
    def of_statements(cls, module: cst.Module, text: str, skip: set[int]) -> Positions:
        """The same ranges, generating only what is needed: statements in `skip`
        not at all, a function only up to the colon of its `def` (its body is
        never asked about). Each generated piece is located in `text` (the
        source libcst round-trips exactly) after the previous one; if one cannot
        be found (a source libcst normalised), the whole module is generated."""
        self = cls.__new__(cls)
        ranges: dict[cst.CSTNode, tuple[int, int]] = {}
        cursor = 0
        for stmt in module.body:
            if id(stmt) in skip:
                continue
            generated = stmt.with_changes(body=_STUB_BODY) if isinstance(stmt, cst.FunctionDef) \
                else stmt
            state = _OffsetState(module, set())
            generated._codegen(state)
            code = "".join(state.tokens)
            if generated is not stmt:
                code = code[:state.ranges[_STUB_BODY][0]].rstrip(" \t")  # up to the colon
            at = _find_line_start(text, code, cursor)
            if at < 0:
                return cls(module, skip)
            limit = len(code)  # the stub body and its parts lie beyond the header
            for node, (start, end) in state.ranges.items():
                if end <= limit and node is not generated:
                    ranges[node] = (start + at, end + at)
            cursor = at + len(code)
        self._ranges = ranges
        self.code = text
        self._line_starts = _line_starts(text)
        return self

    def _point(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def span(self, node: cst.CSTNode, end_node: cst.CSTNode | None = None) -> Span:
        start, end = self._ranges[node]
        if end_node is not None:
            end = self._ranges[end_node][1]
        line, column = self._point(start)
        end_line, end_column = self._point(end)
        return Span(line, column, end_line, end_column)

    def line(self, node: cst.CSTNode) -> int:
        return self._point(self._ranges[node][0])[0]

    def offsets(self, node: cst.CSTNode) -> tuple[int, int]:
        return self._ranges[node]
