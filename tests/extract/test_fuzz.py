"""No input makes the extractor raise: generated programs and half-typed files.

Fixed budgets (the number of generated programs, the files whose prefixes are
tried) keep this in `make test` at a few seconds.
"""

from __future__ import annotations

from pathlib import Path

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mizan_core.extract import ProjectIndex, check_source
from mizan_core.extract.module import read_module

from ._golden import PROJECTS, ROOT

HEADER = "from mizan_django import client, register\nimport mizan_django as mz\n"
FILES = [*sorted(PROJECTS.rglob("*.py")), *sorted((ROOT / "examples" / "shop").rglob("*.py")),
         *sorted((ROOT / "examples" / "mistakes").rglob("*.py"))]


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(hypothesmith.from_grammar())
def test_generated_programs_never_raise(source: str) -> None:
    check_source(HEADER + source)


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("@client(affects=[\"x\", f], auth=)def r:->\n\t #'\\"
                                                 "register(,)classBaseModel[|]None.*")), max_size=120))
def test_decorator_soup_never_raises(source: str) -> None:
    check_source(HEADER + source)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_line_prefix_of_real_files(path: Path) -> None:
    lines = path.read_text().splitlines(keepends=True)
    for end in range(len(lines) + 1):
        check_source("".join(lines[:end]), path=path)


def test_every_character_prefix_of_a_client_module() -> None:
    text = (PROJECTS / "basics" / "fx_basics" / "clients.py").read_text()
    start = text.index("@client(context=\"profile\")")
    stop = text.index("@client(auth=\"staff\"")
    for end in range(start, stop):
        facts = read_module(text[:end], "fx_basics.clients")
        assert facts.module == "fx_basics.clients"
    for end in range(start, stop, 7):
        check_source(text[:end])


def test_a_project_with_one_edited_file_never_raises(tmp_path: Path) -> None:
    """The language server's path: the index updated with each prefix in turn."""
    index = ProjectIndex([PROJECTS / "contexts"], display_root=PROJECTS / "contexts")
    index.build()
    path = PROJECTS / "contexts" / "fx_contexts" / "clients.py"
    text = path.read_text()
    for end in range(0, len(text), 23):
        index.update_file(path, text[:end])
    assert index.update_file(path).diagnostics == ()
