"""The plugin's own affects messages are the static checker's.

The mypy plugin reports `typed.affects_*` when mypy resolves an `affects=`
function the static index could not; a user must read the same sentence as
`mizan check` prints for the same mistake: both call `rules.messages`. The
static messages here come from the real index over a small project.
"""

from __future__ import annotations

from pathlib import Path

from mizan_core.extract import extract_ir
from mizan_core.rules import catalogue, messages, typed

SOURCE = '''\
from mizan_core import client, register


def helper(request: object) -> int:
    return 1


@client
def hidden(request: object) -> int:
    return 1


@client(affects=helper)
def a(request: object) -> int:
    return 1


@client(affects=hidden)
def b(request: object) -> int:
    return 1


register(a, "a")
register(b, "b")
'''


def test_affects_messages_match_the_static_checker(tmp_path: Path) -> None:
    (tmp_path / "shop.py").write_text(SOURCE)
    result = extract_ir([tmp_path])
    affects = sorted((d.line, d.message) for d in result.diagnostics
                     if d.code == catalogue.AFFECTS)
    assert affects == [(13, typed.affects_not_client("helper")),
                       (18, typed.affects_never_registered("hidden"))]


def test_the_plugin_and_the_checker_call_one_function_per_message() -> None:
    assert typed.affects_not_client is messages.affects_not_client
    assert typed.affects_never_registered is messages.affects_never_registered
