"""The lean position tracker agrees with libcst's PositionProvider on every node,
and the ranges taken from Python's own parser agree with the generated ones."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from mizan_core.extract import module as reading
from mizan_core.extract._positions import Positions
from mizan_core.extract.facts import ModuleFacts

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
    partial = Positions.generated(module, text, set())
    assert partial._ranges or not module.body  # something was located
    for node in partial._ranges:
        assert partial.span(node) == whole.span(node), node


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
@pytest.mark.parametrize("skipping", [False, True], ids=["all", "as-read"])
def test_parser_ranges_equal_generated_ranges(path: Path, skipping: bool) -> None:
    text = path.read_text()
    module = cst.parse_module(text)
    skip = {id(s) for s in module.body if skipping and reading._uninteresting(s)}
    ours = Positions.of_statements(module, text, skip)
    generated = Positions.generated(module, text, skip)
    for node, where in ours._ranges.items():
        assert generated._ranges[node] == where, (node, text[where[0]:where[1]])


def test_the_parser_ranges_cover_the_fixtures() -> None:
    """Not vacuous: most of what the extractor asks comes from the parser."""
    total = 0
    for path in FILES:
        text = path.read_text()
        module = cst.parse_module(text)
        total += len(Positions.of_statements(module, text, set())._ranges)
    assert total > 3000


def _read(text: str, positions: Positions, tree: cst.Module) -> ModuleFacts:
    reader = reading._Reader("m", False, positions)
    reader.read(tree.body)
    return reader.facts((), ())


_TYPICAL = '''"""A module."""
from pydantic import BaseModel, Field
from mizan_django import client, register

class Item(BaseModel):
    item_id: int
    tags: list[str] = []
    note: str | None = Field(default=None, alias="noteText")

    class Meta:
        ordering = ("-item_id",)
        unique_together = (("a", "b"),)

@client(context="ctx", affects=["a", "b"])
async def item(request, item_id: int, *, q: "str" = "", **extra: dict[str, int]) -> Item:
    raise NotImplementedError

@client
def empty( ) -> tuple[int, ...]:
    raise NotImplementedError

register(item, "item")
x = 1, 2,  # a tuple without parentheses
'''


def test_a_typical_module_is_placed_without_the_code_generator() -> None:
    tree = cst.parse_module(_TYPICAL)
    positions = reading._positions(tree, _TYPICAL)
    facts = _read(_TYPICAL, positions, tree)
    assert positions._generated is None
    assert facts == _read(_TYPICAL, Positions.generated(tree, _TYPICAL, set()), tree)
    assert facts.functions["item"].params_span.column == len("async def item(") + 1


# Sources whose ranges Python's parser gives differently (or not at all): what
# it cannot place exactly is asked of the code generator.
_HOSTILE = {
    "parenthesized first element": "x = ((a), b)\n",
    "starred element": "x = (*a, b)\n",
    "newline inside the parentheses": "x = (\n    1,\n    2  # two\n)\n",
    "generator argument": "register(f(x for x in y))\n",
    "type parameters": "@client\ndef f[T](x: T) -> T:\n    pass\n",
    "type alias": "type Alias = list[int]\n",
    "form feed": "\fclass A:\n    x: int = 1\n",
    "lone carriage returns": "x: int = 1\r@client\rdef f(a: int) -> int:\r    pass\r",
    "windows line ends": "x: int = 1\r\n@client(a=(1,\r\n  2))\r\ndef f(a: int = 2) -> int:\r\n    pass\r\n",
    "non-ascii parameters": "@client\ndef f(\u00e9t\u00e9: '\u00e9' = '\u00e0', b: int = 1) -> int:\n    pass\n",
    "non-ascii": "\u00e9 = 1\nx: dict[str, '\u00e9t\u00e9'] = {'\u00e9': (1, 2)}\n",
    "comments in the parameters": "@client\ndef f(  # c\n    a: int,  # d\n    /,\n) -> int:\n    pass\n",
    "decorator in parentheses": "@(client)\ndef f(a):\n    pass\n",
    "one-line class": "class A: x: int = 1; y = (2,)\n",
    "guarded": "try:\n    x: int = 1\nexcept ImportError:\n    x = 2\nelse:\n    y = 3\n"
               "if a:\n    @client\n    def f(q=1): pass\nelif b:\n    z = 1\nelse:\n    w = 2\n",
}


@pytest.mark.parametrize("text", _HOSTILE.values(), ids=_HOSTILE.keys())
def test_ranges_python_places_differently_are_still_exact(text: str) -> None:
    tree = cst.parse_module(text)
    expected = _read(text, Positions.generated(tree, text, set()), tree)
    assert _read(text, reading._positions(tree, text), tree) == expected
