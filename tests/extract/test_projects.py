"""Every fixture project (and the demo) against its golden IR and diagnostics."""

from __future__ import annotations

import pytest

from ._golden import PROJECTS, SOURCES, compare, diagnostics_text, dumps_kdl, read


@pytest.mark.parametrize("area", sorted(SOURCES))
def test_ir_matches_golden(area: str) -> None:
    failure = compare(PROJECTS / area / "expected.kdl", dumps_kdl(read(area).ir))
    assert failure is None, failure


@pytest.mark.parametrize("area", sorted(SOURCES))
def test_diagnostics_match_golden(area: str) -> None:
    failure = compare(PROJECTS / area / "expected.diagnostics.txt", diagnostics_text(read(area)))
    assert failure is None, failure


def test_there_are_enough_fixture_projects() -> None:
    assert len([a for a in SOURCES if not a.startswith("_")]) >= 6


@pytest.mark.parametrize("area", [a for a in sorted(SOURCES)
                                  if a not in ("errors", "_mistakes", "notes", "no_affects",
                                               "async_refused")])
def test_valid_fixtures_are_clean(area: str) -> None:
    """The fixtures the runtime also imports (and the demo shop) have no findings at all."""
    assert read(area).diagnostics == ()


def test_notes_fixture_warns_only_about_the_module_nothing_imports() -> None:
    found = {(d.file, d.code, d.message.split("`")[1]) for d in read("notes").diagnostics}
    assert found == {("notes/drafts.py", "mizan-unreachable", "DraftForm"),
                     ("notes/drafts.py", "mizan-unreachable", "draft_count")}


def test_async_fixture_reports_each_async_def_and_serves_the_rest() -> None:
    result = read("async_refused")
    found = {(d.code, d.message.split("`")[1]) for d in result.diagnostics}
    assert found == {("mizan-async", "total_later"), ("mizan-async", "totals_stream")}
    assert [f.name for f in result.ir.functions] == ["total"]


def test_errors_fixture_shows_every_code_the_extractor_owns() -> None:
    from mizan_core.rules.catalogue import CATALOGUE, STALE, UNUSED

    found = {d.code for d in read("errors").diagnostics}
    assert found == set(CATALOGUE) - {STALE, UNUSED}  # the language server's frontend hint
