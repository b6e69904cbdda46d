"""The lean position tracker agrees with libcst's PositionProvider on every node."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from mizan_core.extract._positions import Positions

from ._golden import PROJECTS, ROOT

# Every fixture file except the one that is broken on purpose (it has no tree).
FILES = [p for p in sorted(PROJECTS.rglob("*.py")) + sorted((ROOT / "examples" / "shop").rglob("*.py"))
         + sorted((ROOT / "examples" / "mistakes").rglob("*.py")) if p.name != "broken_syntax.py"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_ranges_as_libcst(path: Path) -> None:
    module = cst.parse_module(path.read_text())
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    ours = Positions(module)
    assert expected  # the comparison below is not vacuous
    for node, where in expected.items():
        span = ours.span(node)
        assert (span.line, span.column - 1, span.end_line, span.end_column - 1) == (
            where.start.line, where.start.column, where.end.line, where.end.column), node


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_statement_wise_ranges_equal_whole_module_ranges(path: Path) -> None:
    text = path.read_text()
    module = cst.parse_module(text)
    whole = Positions(module)
    partial = Positions.of_statements(module, text, set())
    assert partial._ranges or not module.body  # something was located
    for node in partial._ranges:
        assert partial.span(node) == whole.span(node), node
