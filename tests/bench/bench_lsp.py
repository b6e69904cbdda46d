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
  peer: the same server on an empty workspace.

Reproduce: `make bench AREAS=lsp` (or `python -m tests.bench lsp`).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig

from mizan_core.extract import ProjectIndex
from tests.lsp._editor import Editor, client_capabilities, client_factory, wait_for

from ._report import Row
from .synth import BIG_MODULE, write_project

__all__ = ["run"]

AREA = "lsp"


def _memory_mb(pid: int) -> tuple[float, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


async def _start(root: Path) -> tuple[Editor, float, float]:
    """A server on `root`; the seconds from initialize to the index's progress
    end (interpreter start and imports included), and the server's own
    figure for the index alone (its trace line `indexed in ...s`)."""
    client = await ClientServerConfig(server_command=[sys.executable, "-m", "mizan_lsp"],
                                      client_factory=client_factory).start()
    started = time.perf_counter()
    await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities(), root_uri=from_fs_path(str(root)),
        initialization_options={"debounceMs": 0, "trace": True}))

    def ended() -> bool:
        return any(isinstance(value, types.WorkDoneProgressEnd)
                   for values in client.progress_reports.values() for value in values)

    await wait_for(ended, "the end of indexing", timeout=300)
    elapsed = time.perf_counter() - started
    line = next(m.message for m in client.log_messages if "indexed in" in m.message)
    alone = float(line.rsplit(" ", 1)[-1].rstrip("s"))
    return Editor(client=client, root=root), elapsed, alone  # type: ignore[arg-type]


async def _stop(editor: Editor) -> None:
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


async def _measure(quick: bool) -> list[Row]:
    n_functions = 200 if quick else 1000
    n_changes = 40 if quick else 200
    with tempfile.TemporaryDirectory(prefix="mizan-bench-lsp-") as tmp:
        root = write_project(Path(tmp) / "project", n_functions)
        empty = Path(tmp) / "empty"
        empty.mkdir()
        text = (root / BIG_MODULE).read_text()
        lines = text.count("\n")

        peer_cold = time.perf_counter()
        ProjectIndex([root], display_root=root).build()
        peer_cold = time.perf_counter() - peer_cold

        editor, cold, cold_alone = await _start(root)  # writes root/.mizan_cache
        samples = await _latencies(editor, BIG_MODULE, text, n_changes)
        rss, peak = _memory_mb(editor.client._server.pid)  # type: ignore[union-attr]
        await _stop(editor)

        peer_warm = time.perf_counter()
        ProjectIndex([root], cache_dir=root / ".mizan_cache", display_root=root).build()
        peer_warm = time.perf_counter() - peer_warm
        editor, warm, warm_alone = await _start(root)
        await _stop(editor)

        baseline, _, _ = await _start(empty)
        base_rss, _ = _memory_mb(baseline.client._server.pid)  # type: ignore[union-attr]
        await _stop(baseline)

        peer = _peer_update(root, BIG_MODULE, text, n_changes)

    p50, p95 = _p(samples, 0.50), _p(samples, 0.95)
    peer50 = statistics.median(peer)
    what = f"{n_functions} functions"
    return [
        Row(AREA, f"index, cold, {what} (initialize -> progress end)", cold, "s",
            "ProjectIndex.build() in-process", cold / peer_cold, "< 2 s", cold < 2),
        Row(AREA, "  of which indexing in the server, cold", cold_alone, "s",
            "ProjectIndex.build() in-process", cold_alone / peer_cold),
        Row(AREA, f"index, warm facts cache, {what} (initialize -> end)", warm, "s",
            "ProjectIndex.build() warm", warm / peer_warm, "< 2 s", warm < 2),
        Row(AREA, "  of which indexing in the server, warm", warm_alone, "s",
            "ProjectIndex.build() warm", warm_alone / peer_warm),
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


def run(quick: bool) -> list[Row]:
    return asyncio.run(_measure(quick))
