"""Indexing on `initialized`: in the background, reported with `$/progress`,
while requests are answered; findings follow when the index is complete."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig

from mizan_core.config import load_config
from mizan_core.extract import index_for
from tests.bench.realtree import write_tree
from tests.bench.synth import write_project

from ._editor import Editor, client_capabilities, client_factory, wait_for

pytestmark = pytest.mark.asyncio

BROKEN = '''\
from mizan_django import client, register


@client(affects="ctx7x")
def broken(request, item_id: int) -> int:
    raise NotImplementedError


register(broken, "broken")
'''


def _large_workspace(tmp_path: Path, forms: str) -> Path:
    """1000 functions, no facts cache yet: indexing takes long enough to ask
    meanwhile. `forms` goes to synth/forms.py, a module `mizan_clients("synth")`
    imports, so its function is served."""
    root = write_project(tmp_path / "project", 1000)
    (root / "synth" / "forms.py").write_text(forms)
    return root


def _progress(client: Any) -> list[object]:
    return [v for vs in client.progress_reports.values() for v in vs]


async def test_progress_is_reported_and_requests_answered_while_indexing(start_editor, tmp_path: Path) -> None:
    editor = await start_editor(_large_workspace(tmp_path, BROKEN))
    client = editor.client

    def values() -> list[object]:
        return _progress(client)

    editor.open("synth/m0001.py")
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri("synth/m0001.py")),
        position=types.Position(line=0, character=0)))
    answered_during_indexing = not any(isinstance(v, types.WorkDoneProgressEnd) for v in values())
    assert result is not None
    assert answered_during_indexing, "the request waited for the index"

    end = await wait_for(lambda: next((v for v in values()
                                       if isinstance(v, types.WorkDoneProgressEnd)), None),
                         "the end of indexing")
    begin = values()[0]
    assert isinstance(begin, types.WorkDoneProgressBegin) and begin.title == "Mizan: indexing"
    assert end.message == "1001 functions, 1 findings"
    assert len(client.progress_reports) == 1  # one token, created through window/workDoneProgress/create
    # Real progress in between: how many of the files to parse are parsed.
    reports = [v for v in values() if isinstance(v, types.WorkDoneProgressReport)]
    assert len(reports) > 2
    assert [r.percentage for r in reports] == sorted({r.percentage for r in reports})
    assert reports[-1].percentage == 100
    parsed = [(r.message or "").split() for r in reports
              if (r.message or "").endswith("files parsed")]
    done, _, total, *_ = parsed[-1]
    assert done == total and int(total) > 200

    found = await editor.diagnostics("synth/forms.py")
    assert [d.code for d in found] == ["mizan-affects"]
    assert found[0].message.endswith("Did you mean 'ctx7'?")


async def test_indexing_starts_with_the_initialize_request(tmp_path: Path) -> None:
    # The index is built while the server is still loading the LSP machinery:
    # before the client has even said `initialized`, the build is done (its
    # facts cache is on disk), and diagnostics follow the handshake at once.
    root = write_project(tmp_path / "project", 200)
    (root / "synth" / "forms.py").write_text(BROKEN)
    client = await ClientServerConfig(server_command=[sys.executable, "-m", "mizan_lsp"],
                                      client_factory=client_factory).start()
    client.capabilities = capabilities = client_capabilities()  # what initialize_session sets
    try:
        await client.initialize_async(types.InitializeParams(
            capabilities=capabilities, root_uri=from_fs_path(str(root)),
            initialization_options={"debounceMs": 0}))
        await wait_for(lambda: any((root / ".mizan_cache").glob("*")),
                       "the facts cache, before `initialized`")
        client.initialized(types.InitializedParams())
        editor = Editor(client=client, root=root)  # type: ignore[arg-type]
        found = await editor.diagnostics("synth/forms.py")
        assert [d.code for d in found] == ["mizan-affects"]
    finally:
        await asyncio.wait_for(client.shutdown_session(), 30)
        await client.stop()


UNTYPED = BROKEN.replace("item_id: int", "item_id")


async def test_an_open_file_shows_its_own_findings_before_the_index_is_complete(
        start_editor, tmp_path: Path) -> None:
    editor = await start_editor(_large_workspace(tmp_path, UNTYPED))
    client = editor.client

    def reports() -> list[object]:
        return _progress(client)

    editor.open("synth/forms.py")
    first = await editor.diagnostics("synth/forms.py", version=1)
    parsed = [r.percentage for r in reports() if isinstance(r, types.WorkDoneProgressReport)]
    # Before the workspace is parsed: what the file alone shows (the missing
    # annotation), not yet what needs the other files (the unknown target).
    assert max(parsed, default=0) < 100, "the open file waited for the whole index"
    assert [d.code for d in first] == ["mizan-untyped"]
    await wait_for(lambda: any(isinstance(v, types.WorkDoneProgressEnd) for v in reports()),
                   "the end of indexing")
    full = await editor.diagnostics("synth/forms.py", version=1, where=lambda ds: len(ds) > 1)
    assert sorted(d.code for d in full) == ["mizan-affects", "mizan-untyped"]


async def test_the_scan_of_a_large_tree_is_reported_as_it_goes(start_editor, tmp_path: Path) -> None:
    # A real codebase: thousands of files, few that mention Mizan. Most of
    # the index is finding, reading and hashing files, and reading the other
    # files' imports; each is reported, not only the parse of the few.
    root = write_tree(tmp_path / "tree", 4000, 400_000, 2)
    editor = await start_editor(root)

    def values() -> list[object]:
        return _progress(editor.client)

    await wait_for(lambda: any(isinstance(v, types.WorkDoneProgressEnd) for v in values()),
                   "the end of indexing", timeout=120)
    reports = [v for v in values() if isinstance(v, types.WorkDoneProgressReport)]
    assert len(reports) > 1
    percentages = [r.percentage for r in reports]
    assert percentages == sorted(set(percentages)) and percentages[-1] == 100
    phases = {" ".join((r.message or "").split()[3:]) for r in reports}
    assert phases <= {"files scanned", "files parsed", "files searched for imports"}
    last = (reports[-1].message or "").split()
    assert last[0] == last[2] and int(last[2]) > 3000, "the whole tree, not the Mizan files"


async def test_after_a_warm_start_an_open_file_is_answered_before_the_cached_facts_are_read(
        start_editor, tmp_path: Path) -> None:
    # A restart on an unchanged project answers from the cache at once, then
    # reads the cached facts in the background (seconds on a big project). A
    # file opened as it is on disk needs none of them: its findings come
    # without waiting for that.
    root = _large_workspace(tmp_path, BROKEN)
    index_for(load_config(cwd=root)).build()  # the cache a previous session left
    editor = await start_editor(root, options={"trace": True})
    client = editor.client
    # The cache's answer is in: requests are answered from here, while the
    # progress stays open until the cached facts are read too.
    await wait_for(lambda: any("indexed in" in m.message for m in client.log_messages),
                   "the cache's answer")
    editor.open("synth/forms.py")
    found = await editor.diagnostics("synth/forms.py", version=1)
    assert [d.code for d in found] == ["mizan-affects"]
    await wait_for(lambda: any("read the cached facts" in m.message for m in client.log_messages),
                   "the cached facts read")
    lines = [m.message for m in client.log_messages]
    opened = next(i for i, line in enumerate(lines) if "analysed forms.py v1" in line)
    preloaded = next(i for i, line in enumerate(lines) if "read the cached facts" in line)
    assert opened < preloaded, "the open waited for the cached facts"
    # Answered from the result the cache gave, reading none of the facts
    # (which would cost a good part of reading them all).
    took, preload = (float(lines[i].rsplit(" ", 1)[-1].rstrip("s")) for i in (opened, preloaded))
    assert took * 5 < preload, lines
    # The index is reported complete once they are read, so that the first
    # keystroke after it does not pay for them.
    await wait_for(lambda: any(isinstance(v, types.WorkDoneProgressEnd) for v in _progress(client)),
                   "the end of indexing")
    reports = [v for v in _progress(client) if isinstance(v, types.WorkDoneProgressReport)]
    assert reports[-1].message == "reading the cached facts"

    # The first edit after it is a full analysis with the project's names.
    editor.change("synth/forms.py", BROKEN.replace('"ctx7x"', '"ctx7"'))
    assert await editor.diagnostics("synth/forms.py", version=2) == []
