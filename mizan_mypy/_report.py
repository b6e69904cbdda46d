"""Turning a Mizan `Diagnostic` into a mypy error at its exact range.

`Diagnostic` columns are 1-based with an exclusive end; mypy's contexts are
0-based with an exclusive end, so both columns shift by one. The `Context`
built here only carries a position for `api.fail`; it never enters mypy's
tree.
"""

from __future__ import annotations

from mypy.nodes import Context
from mypy.plugin import CheckerPluginInterface

from mizan_core.rules import Diagnostic

from .errorcodes import BY_CODE

__all__ = ["Span", "inside", "report", "span_of"]

Span = tuple[int, int, int, int]  # 1-based line, column, end line, end column (exclusive)


def span_of(node: Context) -> Span:
    end_line = node.end_line if node.end_line is not None else node.line
    end_column = node.end_column if node.end_column is not None else node.column
    return (node.line, node.column + 1, end_line, end_column + 1)


def inside(diagnostic: Diagnostic, span: Span) -> bool:
    start = (diagnostic.line, diagnostic.column)
    return (span[0], span[1]) <= start < (span[2], span[3])


def report(api: CheckerPluginInterface, diagnostic: Diagnostic) -> None:
    code = BY_CODE.get(diagnostic.code)
    if code is None:  # not a type-checking code (mizan-unresolved, ...): `mizan check` has it
        return
    where = Context(line=diagnostic.line, column=diagnostic.column - 1)
    where.end_line = diagnostic.end_line
    where.end_column = diagnostic.end_column - 1
    api.fail(diagnostic.message, where, code=code)
