"""The language server over stdio on the synthetic workspace (tests/bench/synth.py,
1000 functions; 200 with --quick), driven by pytest-lsp's client:

- time to a complete index: from `initialize` sent to the indexing
  `$/progress` end, cold (no facts cache) and warm (the cache a previous
  run left); peer: `ProjectIndex.build()` in this process, same cache state;
  the server's own figure ("of which indexing") counts from the build's
  start, which it makes on reading `initialize`, before it loads pygls;
- change-to-diagnostics latency on the ~300-line module, debounce 0 (so the
  debounce is excluded): `didChange` sent -> `publishDiagnostics` for that
  version received, one change at a time; each change flips an `affects`
  target between valid and unknown, so every publish carries new findings;
  peer: `ProjectIndex.update_file()` of the same text in this process;
- resident memory of the server after the run (VmRSS, and the peak VmHWM);
  peer: the same server on an empty workspace;
- the same at 5000 functions (500 with --quick): the cold index, the
  change-to-diagnostics latency over 100 edits, and the first edit after a
  warm start: a server started on the facts cache the cold run left, the
  index complete (its progress ended: the cache's answer in, which requests
  are answered from at once, and the cached facts read), the file opened (its diagnostics received), then the first
  `didChange` sent -> its `publishDiagnostics` received;
- change-to-diagnostics on a 6,000-line file holding three Mizan functions
  among a thousand plain helpers (tests/bench/bigfile.py), alone in its
  workspace: each change edits a helper's body and flips an `affects`
  target; a buffer that large is parsed in the server's helper process, so
  this is the whole path (the pipe, the helper's parse of the changed
  statements, the project pass); peer: `ProjectIndex.update_file()` of the
  same text in this process.

Targets: index under 2 s and memory under 300 MB at 1000 functions;
change -> diagnostics p50 under 50 ms and p95 under 150 ms at both sizes; the
first edit after a warm start under 200 ms; the 6,000-line file: p50 under
50 ms, p95 under 150 ms.

Reproduce: `make bench AREAS=lsp` (or `python -m tests.bench lsp`).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig

from mizan_core.extract import ProjectIndex
from tests.lsp._editor import Editor, client_capabilities, client_factory, wait_for

from ._report import Row
from .bigfile import write_big_project
from .synth import BIG_MODULE, write_project

__all__ = ["Started", "run", "start", "stop"]

AREA = "lsp"


def _memory_mb(pid: int) -> tuple[float, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


@dataclass(frozen=True)
class Started:
    """A server whose index is complete, and how it got there."""

    editor: Editor
    seconds: float  # initialize sent -> the index's progress end received
    answering: float  # initialize sent -> the build's result in (requests answered from it)
    alone: float  # the server's own figure for the index (its trace line)
    reports: int  # `$/progress` reports between the begin and the end


async def start(root: Path) -> Started:
    """A server on `root`, once its index is complete; the time counts from
    initialize (interpreter start and imports included)."""
    client = await ClientServerConfig(server_command=[sys.executable, "-m", "mizan_lsp"],
                                      client_factory=client_factory).start()
    started = time.perf_counter()
    await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities(), root_uri=from_fs_path(str(root)),
        initialization_options={"debounceMs": 0, "trace": True}))

    def ended() -> bool:
        return any(isinstance(value, types.WorkDoneProgressEnd)
                   for values in client.progress_reports.values() for value in values)

    def built() -> str | None:
        return next((m.message for m in client.log_messages if "indexed in" in m.message), None)

    line = await wait_for(built, "the build's result", timeout=300)
    answering = time.perf_counter() - started
    await wait_for(ended, "the end of indexing", timeout=300)
    elapsed = time.perf_counter() - started
    alone = float(line.rsplit(" ", 1)[-1].rstrip("s"))
    reports = sum(isinstance(value, types.WorkDoneProgressReport)
                  for values in client.progress_reports.values() for value in values)
    return Started(Editor(client=client, root=root), elapsed, answering, alone, reports)  # type: ignore[arg-type]


async def stop(editor: Editor) -> None:
    await editor.client.shutdown_session()
    await editor.client.stop()


def _variant(text: str, i: int) -> str:
    # Flip the module's scoped mutation target: valid on even, unknown on odd steps.
    target = '@client(affects="ctx0", auth=True)'
    assert target in text
    return text.replace(target, f'@client(affects="ctx0{"x" if i % 2 else ""}", auth=True)') \
        + f"\n# edit {i}\n"


async def _latencies(editor: Editor, rel: str, text: str, n: int) -> list[float]:
    editor.open(rel, text)
    await editor.diagnostics(rel, version=1)
    samples = []
    for i in range(n):
        started = time.perf_counter()
        version = editor.change(rel, _variant(text, i))
        await editor.diagnostics(rel, version=version)
        samples.append(time.perf_counter() - started)
    return samples


def _peer_update(root: Path, rel: str, text: str, n: int) -> list[float]:
    index = ProjectIndex([root], display_root=root)
    index.build()
    samples = []
    for i in range(n):
        started = time.perf_counter()
        index.update_file(root / rel, _variant(text, i))
        samples.append(time.perf_counter() - started)
    return samples


def _p(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def _first_edit(root: Path, rel: str, text: str) -> tuple[Started, float, float]:
    """A warm start, then (seconds) the file's open -> its diagnostics, and
    the first change -> the diagnostics of that version."""
    server = await start(root)
    editor = server.editor
    started = time.perf_counter()
    editor.open(rel, text)
    await editor.diagnostics(rel, version=1)
    opened = time.perf_counter() - started
    started = time.perf_counter()
    version = editor.change(rel, _variant(text, 1))  # an unknown target: new findings
    await editor.diagnostics(rel, version=version)
    first = time.perf_counter() - started
    await stop(editor)
    return server, opened, first


async def _small(tmp: Path, n_functions: int, n_changes: int) -> list[Row]:
    root = write_project(tmp / "project", n_functions)
    empty = tmp / "empty"
    empty.mkdir()
    text = (root / BIG_MODULE).read_text()
    lines = text.count("\n")

    peer_cold = time.perf_counter()
    ProjectIndex([root], display_root=root).build()
    peer_cold = time.perf_counter() - peer_cold

    cold = await start(root)  # writes root/.mizan_cache
    samples = await _latencies(cold.editor, BIG_MODULE, text, n_changes)
    rss, peak = _memory_mb(cold.editor.client._server.pid)  # type: ignore[union-attr]
    await stop(cold.editor)

    peer_warm = time.perf_counter()
    ProjectIndex([root], cache_dir=root / ".mizan_cache", display_root=root).build()
    peer_warm = time.perf_counter() - peer_warm
    warm = await start(root)
    await stop(warm.editor)

    baseline = await start(empty)
    base_rss, _ = _memory_mb(baseline.editor.client._server.pid)  # type: ignore[union-attr]
    await stop(baseline.editor)

    peer = _peer_update(root, BIG_MODULE, text, n_changes)

    p50, p95 = _p(samples, 0.50), _p(samples, 0.95)
    peer50 = statistics.median(peer)
    what = f"{n_functions} functions"
    return [
        Row(AREA, f"index, cold, {what} (initialize -> progress end)", cold.seconds, "s",
            "ProjectIndex.build() in-process", cold.seconds / peer_cold, "< 2 s", cold.seconds < 2),
        Row(AREA, "  of which indexing in the server, cold", cold.alone, "s",
            "ProjectIndex.build() in-process", cold.alone / peer_cold),
        Row(AREA, f"index, warm facts cache, {what} (initialize -> end, cached facts read)",
            warm.seconds, "s",
            "ProjectIndex.build() warm", warm.seconds / peer_warm, "< 2 s", warm.seconds < 2),
        Row(AREA, f"  answering from the cache, warm, {what} (initialize -> the build's result)",
            warm.answering, "s"),
        Row(AREA, "  of which indexing in the server, warm", warm.alone, "s",
            "ProjectIndex.build() warm", warm.alone / peer_warm),
        Row(AREA, f"change -> diagnostics p50, {lines}-line file ({n_changes} edits)", p50 * 1000,
            "ms", "update_file() in-process p50", p50 / peer50, "< 50 ms", p50 < 0.050),
        Row(AREA, f"change -> diagnostics p95, {lines}-line file", p95 * 1000, "ms",
            "update_file() in-process p50", p95 / peer50, "< 150 ms", p95 < 0.150),
        Row(AREA, f"update_file() in-process p50 (the peer), {what}", peer50 * 1000, "ms"),
        Row(AREA, f"server resident memory after the run, {what}", rss, "MB",
            "same server, empty workspace", rss / base_rss, "< 300 MB", rss < 300),
        Row(AREA, "server peak resident memory (VmHWM)", peak, "MB", "", None, "< 300 MB",
            peak < 300),
    ]


async def _large(tmp: Path, n_functions: int, n_changes: int) -> list[Row]:
    """The big project: no in-process cold build beside the server (the
    cold index's peer is the 1000-function one, the table's first row)."""
    root = write_project(tmp / "project", n_functions)
    text = (root / BIG_MODULE).read_text()
    lines = text.count("\n")

    cold = await start(root)  # writes root/.mizan_cache
    samples = await _latencies(cold.editor, BIG_MODULE, text, n_changes)
    await stop(cold.editor)

    warm, opened, first = await _first_edit(root, BIG_MODULE, text)
    peer = _peer_update(root, BIG_MODULE, text, n_changes)  # reads the same warm cache

    p50, p95 = _p(samples, 0.50), _p(samples, 0.95)
    peer50 = statistics.median(peer)
    what = f"{n_functions} functions"
    return [
        Row(AREA, f"index, cold, {what} (initialize -> progress end)", cold.seconds, "s"),
        Row(AREA, f"  of which indexing in the server, cold, {what}", cold.alone, "s"),
        Row(AREA, f"change -> diagnostics p50, {what} ({n_changes} edits)", p50 * 1000,
            "ms", "update_file() in-process p50", p50 / peer50, "< 50 ms", p50 < 0.050),
        Row(AREA, f"change -> diagnostics p95, {what}", p95 * 1000, "ms",
            "update_file() in-process p50", p95 / peer50, "< 150 ms", p95 < 0.150),
        Row(AREA, f"update_file() in-process p50 (the peer), {what}, {lines}-line file",
            peer50 * 1000, "ms"),
        Row(AREA, f"index, warm facts cache, {what} (initialize -> end, cached facts read)",
            warm.seconds, "s"),
        Row(AREA, f"  answering from the cache, warm, {what} (initialize -> the build's result)",
            warm.answering, "s"),
        Row(AREA, f"first open after a warm start -> diagnostics, {what}", opened * 1000, "ms"),
        Row(AREA, f"first edit after a warm start -> diagnostics, {what}", first * 1000, "ms",
            "update_file() in-process p50", first / peer50, "< 200 ms", first < 0.200),
    ]


# A user reads a file before typing in it; the server reads ahead meanwhile.
PAUSE_AFTER_OPEN = 2.0


def _big_variant(text: str, i: int) -> str:
    # A helper's body always changes; the second function's target flips
    # between none and an unknown one (a finding), as a user types.
    edited = text.replace("x = a + b * 500\n", f"x = a + b * {500 + i + 1}\n")
    assert edited != text
    if i % 2:
        edited = edited.replace("@client(context='ctx1')", "@client(context='ctx1', affects='ctx9')")
    return edited


async def _big_file(tmp: Path, helpers: int, n_changes: int) -> list[Row]:
    path = write_big_project(tmp / "big", helpers)
    root, text = tmp / "big", path.read_text()
    rel = path.relative_to(root).as_posix()
    lines = text.count("\n")
    server = await start(root)
    editor = server.editor
    editor.open(rel, text)
    await editor.diagnostics(rel, version=1)
    await asyncio.sleep(PAUSE_AFTER_OPEN)
    samples = []
    for i in range(n_changes):
        started = time.perf_counter()
        version = editor.change(rel, _big_variant(text, i))
        found = await editor.diagnostics(rel, version=version)
        samples.append(time.perf_counter() - started)
        assert ("mizan-affects" in [d.code for d in found]) == bool(i % 2)
    await stop(editor)

    index = ProjectIndex([root], display_root=root)
    index.build()
    peer = []
    for i in range(n_changes):
        started = time.perf_counter()
        index.update_file(path, _big_variant(text, i))
        peer.append(time.perf_counter() - started)
    p50, p95, peer50 = _p(samples, 0.50), _p(samples, 0.95), statistics.median(peer)
    return [
        Row(AREA, f"change -> diagnostics p50, {lines}-line file, three Mizan functions "
                  f"({n_changes} edits)", p50 * 1000, "ms", "update_file() in-process p50",
            p50 / peer50, "< 50 ms", p50 < 0.050),
        Row(AREA, f"change -> diagnostics p95, {lines}-line file", p95 * 1000, "ms",
            "update_file() in-process p50", p95 / peer50, "< 150 ms", p95 < 0.150),
        Row(AREA, f"  the first change of that file, {PAUSE_AFTER_OPEN:.0f} s after its open", samples[0] * 1000, "ms"),
        Row(AREA, f"update_file() in-process p50 (the peer), {lines}-line file", peer50 * 1000,
            "ms"),
    ]


async def _measure(quick: bool) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="mizan-bench-lsp-") as tmp:
        rows = await _small(Path(tmp) / "small", 200 if quick else 1000, 40 if quick else 200)
        rows += await _large(Path(tmp) / "large", 500 if quick else 5000, 40 if quick else 100)
        rows += await _big_file(Path(tmp), 200 if quick else 1000, 40 if quick else 100)
    return rows


def run(quick: bool) -> list[Row]:
    return asyncio.run(_measure(quick))
