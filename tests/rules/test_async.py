"""`@client` on an `async def`: the runtime decorator refuses it when the module
is imported, so the static tools report it at the function and leave it out
of the IR (as the runtime registry never gets it)."""

from __future__ import annotations

from pathlib import Path

from mizan_core.extract import extract_ir
from mizan_core.rules import catalogue

SOURCE = '''\
from collections.abc import AsyncIterator

from mizan_django import client, register


@client
async def bad_async(request) -> int:
    return 1


@client(context="feed")
async def bad_stream(request) -> AsyncIterator[int]:
    yield 1


async def helper() -> int:
    return 2


@client(context="totals")
def fine(request) -> int:
    return 3


register(bad_async, "bad_async")
register(bad_stream, "bad_stream")
register(fine, "fine")
'''


def test_async_def_and_async_generator_are_errors_at_their_names(tmp_path: Path) -> None:
    (tmp_path / "shop.py").write_text(SOURCE)
    found = [(d.code, d.severity, d.line, d.column, d.end_column)
             for d in extract_ir([tmp_path]).diagnostics]
    assert found == [(catalogue.ASYNC, "error", 7, 11, 20), (catalogue.ASYNC, "error", 12, 11, 21)]


def test_async_functions_are_in_no_ir_and_define_no_context(tmp_path: Path) -> None:
    (tmp_path / "shop.py").write_text(SOURCE)
    ir = extract_ir([tmp_path]).ir
    assert [f.name for f in ir.functions] == ["fine"]
    assert [c.name for c in ir.contexts] == ["totals"]


def test_the_message_says_to_write_a_plain_def(tmp_path: Path) -> None:
    (tmp_path / "shop.py").write_text(SOURCE)
    message = extract_ir([tmp_path]).diagnostics[0].message
    assert "`bad_async` is an `async def`" in message and "plain `def`" in message
