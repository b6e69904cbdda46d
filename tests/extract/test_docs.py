"""docs/diagnostics.md lists every code of the catalogue, each with a wrong
example that produces it and a right one that produces no finding."""

from __future__ import annotations

import re

import pytest

from mizan_core.extract import check_source
from mizan_core.rules.catalogue import CATALOGUE, STALE, UNREACHABLE, UNUSED

from ._golden import ROOT

PAGE = (ROOT / "docs" / "diagnostics.md").read_text()
HEADER = "from mizan_django import client, register\n"


def sections() -> dict[str, str]:
    parts = re.split(r"^## (mizan-[a-z-]+)\n", PAGE, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2]))


def example(section: str, which: str) -> str:
    found = re.search(rf"^{which}:\n\n```python\n(.*?)```", section, flags=re.DOTALL | re.MULTILINE)
    assert found, f"no {which.lower()} example"
    return found.group(1)


def test_the_page_lists_exactly_the_catalogue() -> None:
    assert sorted(sections()) == sorted(CATALOGUE)


# mizan-unreachable needs a project of several modules: tests/extract/test_reach.py;
# mizan-unused a frontend and the language server: tests/lsp/test_references.py
@pytest.mark.parametrize("code", sorted(set(CATALOGUE) - {STALE, UNREACHABLE, UNUSED}))
def test_wrong_example_produces_the_code_and_right_one_is_clean(code: str) -> None:
    section = sections()[code]
    assert CATALOGUE[code].severity in section.split("\n\n")[0] + section.split("\n\n")[1]
    wrong = check_source(HEADER + example(section, "Wrong"))
    assert code in {d.code for d in wrong}, wrong
    right = check_source(HEADER + example(section, "Right"))
    assert right == (), right
