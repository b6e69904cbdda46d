"""A large file read piece by piece gives exactly the facts of reading it whole.

`read_module` cuts a large text into top-level statements and reads each
piece once (cached by its text); these tests hold that to the whole-file read
on every fixture, on random edits of them, on the statements whose reading
depends on what came before (star imports, `if TYPE_CHECKING:`, `try`
alternatives), on hostile input, and count the parses an edit costs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mizan_core.extract import ProjectIndex
from mizan_core.extract import module as reader
from mizan_core.extract._bounds import MAX_NODES, decode_source
from mizan_core.extract._chunks import split_statements
from tests.bench.bigfile import big_module, write_big_project

from ._golden import diagnostics_text, dumps_kdl

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted([*(ROOT / "tests" / "projects").rglob("*.py"),
                   *(ROOT / "tests" / "fixtures").rglob("*.py")])


def _pieces(text: str, module: str = "app.views") -> reader.ModuleFacts | None:
    return reader._read_pieces(text, module, False)


def _whole(text: str, module: str = "app.views") -> reader.ModuleFacts:
    return reader._read_whole(text, module, False)


@pytest.fixture
def chunk_everything(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every file, however small, read piece by piece."""
    monkeypatch.setattr(reader, "_CHUNKED_FROM", 0)
    monkeypatch.setattr(reader, "_CHUNKED_AGAIN_FROM", 0)
    yield


def test_the_fixtures_are_read_piece_by_piece_with_the_same_facts() -> None:
    fell_back = []
    for path in FIXTURES:
        text = decode_source(path.read_bytes())
        pieces = _pieces(text)
        if pieces is None:
            fell_back.append(path.name)
            continue
        assert pieces == _whole(text), path
    assert len(fell_back) <= len(FIXTURES) // 20, fell_back


@pytest.mark.parametrize("area", sorted(p.name for p in (ROOT / "tests" / "projects").iterdir()
                                        if p.is_dir()))
def test_ir_and_diagnostics_are_byte_identical(area: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    root = ROOT / "tests" / "projects" / area
    whole = ProjectIndex([root], display_root=root).build()
    monkeypatch.setattr(reader, "_CHUNKED_FROM", 0)
    monkeypatch.setattr(reader, "_CHUNKED_AGAIN_FROM", 0)
    reader._PIECES.clear()
    chunked = ProjectIndex([root], display_root=root).build()
    assert dumps_kdl(chunked.ir) == dumps_kdl(whole.ir)
    assert diagnostics_text(chunked) == diagnostics_text(whole)


_SNIPPETS = ['"""', "'''", "x = (", ")", "\\", "else:", "    pass", "@dec", "try:",
             "except ImportError:", "    import json", "from .other import *", "import json",
             "if TYPE_CHECKING:", "    from typing import Any", "json = None", "def f(): ...",
             "class C:", "    x: int = 1", "# comment", "", "register(f, 'f')", "async def g():",
             "elif x:", "@client()", "    'inside'", "finally:", "x = 1; from m import *; y = 2"]
_SOURCES = [decode_source(p.read_bytes()) for p in FIXTURES if p.stat().st_size > 300]


@st.composite
def _edited(draw: st.DrawFn) -> tuple[str, str]:
    text = draw(st.sampled_from(_SOURCES))
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines)))
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        new = draw(st.sampled_from([*_SNIPPETS, *lines[:50]]))
        if kind == "insert":
            lines.insert(at, new)
        elif lines and at < len(lines):
            if kind == "delete":
                del lines[at]
            else:
                lines[at] = new
    return text, "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edited())
def test_an_edited_fixture_reads_the_same_either_way(case: tuple[str, str]) -> None:
    original, edited = case
    _pieces(original)  # the unchanged pieces are then found again, shifted
    pieces = _pieces(edited)
    whole = _whole(edited)
    if pieces is not None:
        assert pieces == whole
    big = "\n" * reader._CHUNKED_FROM + edited  # past the size where it is chunked
    assert reader.read_module(big, "app.views") == _whole(big)


def test_a_star_import_before_a_piece_ranks_its_names() -> None:
    text = ("from .a import *\nx = 1\nfrom .b import *\ndef f(): pass\n"
            "from .c import *\nclass K: pass\nx = 2\n")
    pieces = _pieces(text)
    assert pieces == _whole(text)
    assert pieces is not None and pieces.imports.star_rank == {"x": 3, "f": 2, "K": 3}


def test_statements_that_read_what_came_before_are_read_in_place() -> None:
    text = ("import json\nfrom typing import TYPE_CHECKING\ndef helper(): pass\n"
            "try:\n    import json\nexcept ImportError:\n    json = None\n"
            "try:\n    def helper(): pass\nexcept ImportError:\n    helper = None\n"
            "if TYPE_CHECKING:\n    from other import json, Fresh\n")
    pieces = _pieces(text)
    assert pieces == _whole(text)
    # the try bound json and helper as before: the handler's rebinding counts;
    # TYPE_CHECKING binds only what nothing bound
    assert pieces is not None and set(pieces.assigns) == {"json", "helper"}
    assert pieces.imports.names["json"] == "json"
    assert pieces.imports.names["Fresh"] == "other.Fresh"


def test_positions_are_the_files_after_lines_move() -> None:
    text = big_module(50)
    _pieces(text)
    moved = "# a new first line\n\n" + text
    pieces = _pieces(moved)
    assert pieces == _whole(moved)
    assert pieces is not None and pieces.functions["fn0"].line == 9  # 7, two lines down


def test_a_wrong_cut_falls_back_to_the_whole_file() -> None:
    text = 'def f():\n    return """\ndef not_a_function():\n"""\n' \
           'x = """a\n""" + """\ndef g(): pass\n"""\n'
    assert [p[:5] for p, _ in split_statements(text)] == ["def f", 'x = "']
    doc = 'def f():\n    return (\n1)\nx = [\n2]\n'  # a cut inside brackets
    assert _pieces(doc) is None
    assert reader.read_module(doc, "app.views") == _whole(doc)


def test_an_edit_of_one_statement_parses_one_piece() -> None:
    text = big_module(300)
    reader.read_module(text, "app.views")
    before = reader.parsed_pieces
    edited = text.replace("x = a + b * 150\n", "x = a + b * 151\n", 1)
    assert reader.read_module(edited, "app.views") == _whole(edited)
    assert reader.parsed_pieces == before + 1
    before = reader.parsed_pieces
    inserted = "import os\n" + edited  # every piece moves: none is parsed again
    assert reader.read_module(inserted, "app.views") == _whole(inserted)
    assert reader.parsed_pieces == before + 1


def test_an_update_of_a_large_file_reparses_one_piece(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_big_project(tmp_path)
    index = ProjectIndex([tmp_path])
    index.build()
    before = reader.parsed_pieces
    edited = path.read_text().replace("register(fn1, 'fn1')", "register(fn1, 'fn_one')")
    result = index.update_file(path, edited)
    assert reader.parsed_pieces == before + 1
    path.write_text(edited)
    monkeypatch.setattr(reader, "_CHUNKED_FROM", 10**9)  # the whole-file read
    monkeypatch.setattr(reader, "_CHUNKED_AGAIN_FROM", 10**9)
    fresh = ProjectIndex([tmp_path]).build()
    assert "fn_one" in dumps_kdl(result.ir)
    assert dumps_kdl(result.ir) == dumps_kdl(fresh.ir)
    assert diagnostics_text(result) == diagnostics_text(fresh)


def test_hostile_pieces_still_give_a_syntax_error(chunk_everything: None) -> None:
    deep = "x = " + "(" * 5000 + ")" * 5000 + "\n"
    text = "def f(): pass\n" * 10 + deep
    facts = reader.read_module(text, "app.views")
    assert facts.syntax_error is not None and facts == _whole(text)


def test_many_small_pieces_count_as_one_file(chunk_everything: None) -> None:
    # each statement is small; together they pass the file's bound on syntax nodes
    text = "".join(f"x{i} = {i}\n" for i in range(MAX_NODES // 3))
    facts = reader.read_module(text, "app.views")
    assert facts.syntax_error is not None and "too complex" in facts.syntax_error[0]
    assert facts == _whole(text)


def test_a_large_compound_statement_is_read_again_not_kept() -> None:
    text = big_module(100) + "if True:\n" + "".join(f"    x{i} = {i}\n" for i in range(1000))
    assert len(text.split("if True:")[1]) > reader._TREE_KEPT
    assert reader.read_module(text, "app.views") == _whole(text)
    before = reader.parsed_pieces
    assert reader.read_module(text, "app.views") == _whole(text)
    assert reader.parsed_pieces == before + 1  # only that piece: its tree was not kept


def test_a_small_file_is_read_by_pieces_from_its_second_read() -> None:
    text = big_module(60)
    assert reader._CHUNKED_AGAIN_FROM <= len(text) < reader._CHUNKED_FROM
    before = reader.parsed_pieces
    reader.read_module(text, "app.small")  # a cold build reads it whole, once
    assert reader.parsed_pieces == before
    first = text.replace("x = a + b * 30\n", "x = a + b * 31\n", 1)
    assert reader.read_module(first, "app.small") == _whole(first, "app.small")
    assert reader.parsed_pieces > before + 60
    before = reader.parsed_pieces
    second = first.replace("x = a + b * 31\n", "x = a + b * 32\n", 1)
    assert reader.read_module(second, "app.small") == _whole(second, "app.small")
    assert reader.parsed_pieces == before + 1


def test_a_line_continued_from_column_zero_is_read_whole() -> None:
    text = big_module(5) + "\\\nROOT = 1\n@client\n\\\ndef late(request) -> int: ...\n"
    assert _pieces(text) is None
    assert reader.read_module(text, "app.views") == _whole(text)
