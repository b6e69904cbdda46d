"""The workspace as the server sees it: one `ProjectIndex`, the open
documents with their versions, and the latest `IndexResult` snapshot.

Why it looks like this:

- `ProjectIndex` is incremental and not thread-safe, so every call into it
  runs on one dedicated worker thread, in arrival order; the event loop stays
  free to answer requests (hover during indexing is answered from the last
  snapshot, or empty before the first one).
- Each change is debounced per document; when the analysis of version N
  finishes and the document is already at N+1, the result is dropped: an
  editor never shows diagnostics for text that no longer exists.
- On change only that document's diagnostics are published (the fast pass);
  on save and on watched-file events every file whose findings changed is
  re-published, which is how a renamed context in contexts.py flags the
  `affects=` in orders.py (cross-file re-check).
- Features never touch the index: they read `snapshot` (immutable IR and
  diagnostics), after `settled(path)` when they need the current text analysed.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import logging
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from mizan_core.config import ProjectConfig
from mizan_core.extract import IndexResult, index_for
from mizan_core.extract.facts import ModuleFacts
from mizan_core.extract.isolated import Cancelled, IsolatedReader
from mizan_core.rules import Diagnostic
from mizan_core.rules.catalogue import SYNTAX

from ._paths import resolve_file
from ._provisional import local_findings
from .settings import Settings

__all__ = ["ISOLATE_CHARS", "Document", "Publisher", "Session"]

log = logging.getLogger("mizan_lsp")
T = TypeVar("T")

# publish(path, version or None, diagnostics, cross_file): how findings reach
# the editor (push notification, or a pull refresh when another file's change
# caused them); set by the diagnostics feature.
Publisher = Callable[[Path, "int | None", tuple[Diagnostic, ...], bool], None]

# A buffer larger than this is parsed in a helper process: libcst keeps the
# GIL for the whole parse (about 1 s per 64 kB at worst, 0.1 s for ordinary
# code), which would stop the event loop, so `shutdown` or a hover elsewhere
# would wait for it. Below it, the round trip would cost the keystroke more
# than the parse.
ISOLATE_CHARS = 64 * 1024
#: seconds a cancelled read in the helper is given to end before the helper is killed
CANCEL_GRACE = 0.25


@dataclass
class Document:
    version: int
    text: str
    analysed_version: int | None = None
    settled: asyncio.Event = field(default_factory=asyncio.Event)
    pending: asyncio.Task[None] | None = None


class Session:
    def __init__(self, config: ProjectConfig, settings: Settings, publish: Publisher,
                 trace: Callable[[str], None] = lambda message: None) -> None:
        self.config = config
        self.settings = settings
        self.publish = publish
        self.trace = trace
        # The same facts cache as `mizan check`: a restart reads unchanged files from it.
        self.index = index_for(config)
        self.snapshot: IndexResult | None = None
        # The latest snapshot in which the file being edited parsed: names for
        # completion come from here, so a half-typed line does not make the
        # file's own functions vanish from the list.
        self.parsed: IndexResult | None = None
        self.documents: dict[Path, Document] = {}
        self.built = asyncio.Event()
        # Diagnostics from other producers than the index (the stale TypeScript
        # check), keyed by producer so each can replace its own.
        self.extra: dict[str, tuple[Diagnostic, ...]] = {}
        self._published: dict[Path, tuple[Diagnostic, ...]] = {}
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mizan-index")
        # Run after each cross-file refresh (the saved file, or None after
        # indexing and watched-file events): the TypeScript sync hooks in here.
        self.after_refresh: list[Callable[[Path | None], Awaitable[None]]] = []
        # The build, once started (`start_build`), and where its progress goes:
        # it may start before there is an event loop to report to.
        self._building: Future[IndexResult] | None = None
        self._build_started = self._build_took = 0.0
        self._progress_lock = threading.Lock()
        # The last progress of each phase so far, in the order they came: a
        # build that began before the client could be told is told after.
        self._progress_seen: dict[str, tuple[int, int]] = {}
        self._progress_sink: Callable[[str, int, int], None] | None = None
        # Analyses handed to the index thread and not yet back, by file: while
        # one is, what the index holds for the file may change under a reader.
        self._in_flight: dict[Path, int] = {}
        self._closed = False
        # Beside the index thread, one at a time: large buffers parsed in a
        # helper process, and an open file's own findings during the build.
        self._reader = IsolatedReader()
        self._parsing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mizan-parse")
        self._primed: dict[Path, int] = {}  # the hash of the text the helper last read ahead, by file

    # -- the worker --------------------------------------------------------

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(*args)` on the index thread, after everything queued before it."""
        return await asyncio.get_running_loop().run_in_executor(self._worker, fn, *args)

    def close(self) -> None:
        self._closed = True
        self._worker.shutdown(wait=False, cancel_futures=True)
        self._reader.close()  # a large buffer's parse in flight ends now
        self._parsing.shutdown(wait=False, cancel_futures=True)

    async def _run_on(self, path: Path, fn: Callable[..., T], *args: Any) -> T:
        """`run`, for a call that changes what the index holds for `path`:
        counted in flight until it has run (even when the caller is cancelled)."""
        loop = asyncio.get_running_loop()
        future = self._worker.submit(_without_gc, fn, *args)
        self._in_flight[path] = self._in_flight.get(path, 0) + 1

        def landed(_: Future[T]) -> None:
            left = self._in_flight.get(path, 1) - 1
            if left:
                self._in_flight[path] = left
            else:
                self._in_flight.pop(path, None)

        future.add_done_callback(lambda f: loop.call_soon_threadsafe(landed, f))
        return await asyncio.wrap_future(future)

    def unchanged(self, path: Path, text: str) -> IndexResult | None:
        """The latest result, when `text` is what the index already holds for
        `path` and nothing about the file is on its way to the index thread:
        an open of the file as it is on disk is answered at once, without
        waiting behind the index thread (reading cached facts, after a warm
        start)."""
        if not self.built.is_set() or self._in_flight.get(path):
            return None
        return self.index.current(path, text)

    async def update_buffer(self, path: Path, text: str) -> IndexResult:
        """`index.update_file(path, text)`; a large buffer is parsed in the
        helper first. Cancelling the caller's task kills that parse unless it
        ends within `CANCEL_GRACE`; a large buffer whose facts are known is
        read ahead in the helper (`_prime`)."""
        known = self.unchanged(path, text)
        large = len(text) > ISOLATE_CHARS
        if known is not None:
            if large:
                self._prime(path, text)
            return known
        facts = None
        if large:
            job = await self.run(self.index.parse_needed, path, text)
            if job is not None:
                facts = await self._read_isolated(job)
            else:
                self._prime(path, text)
        return await self._run_on(path, functools.partial(self.index.update_file, path, text,
                                                          facts=facts))

    def _prime(self, path: Path, text: str) -> None:
        """Have the helper read a large buffer whose facts are known (an open
        of the file as on disk): it keeps the statements it parsed, so the
        buffer's first change costs the statements it touched, not the file."""
        if self._primed.get(path) == hash(text):
            return
        self._primed[path] = hash(text)
        loop = asyncio.get_running_loop()
        try:
            self._worker.submit(self._queue_priming, loop, path, text)
        except RuntimeError:  # the session closed
            pass

    def _queue_priming(self, loop: asyncio.AbstractEventLoop, path: Path, text: str) -> None:
        job = self.index.parse_job(path, text)  # on the index thread, which owns the index
        if job is not None:
            try:
                self._parsing.submit(self._prime_now, loop, path, job)
            except RuntimeError:
                pass

    def _prime_now(self, loop: asyncio.AbstractEventLoop, path: Path,
                   job: tuple[str, str, bool]) -> None:
        started = time.perf_counter()
        try:
            self._reader.read(object(), job)
        except Exception:  # a later read starts its own helper; nothing waits for this one
            log.debug("mizan-lsp: priming the parse helper failed", exc_info=True)
            return
        message = f"read {path.name} ahead in {time.perf_counter() - started:.3f}s"
        try:
            loop.call_soon_threadsafe(self.trace, message)
        except RuntimeError:  # the loop closed
            pass

    async def _read_isolated(self, job: tuple[str, str, bool]) -> ModuleFacts | None:
        ticket = object()
        future = self._parsing.submit(self._reader.read, ticket, job)
        try:
            return await asyncio.wrap_future(future)
        except asyncio.CancelledError:
            # A newer version is on its way: most of its statements are this
            # one's, so a read about to end is worth more finished than killed.
            self._reader.cancel(ticket, CANCEL_GRACE)
            raise
        except Cancelled:  # the session closed
            raise asyncio.CancelledError from None
        except (OSError, EOFError):
            return None  # no helper could run it: the index thread parses it

    # -- indexing ------------------------------------------------------------

    def start_build(self) -> None:
        """Start indexing the workspace on the index thread (no event loop
        needed: the server starts it before it has loaded pygls)."""
        if self._building is None:
            self._build_started = time.perf_counter()
            self._building = self._worker.submit(self._build_now)

    def _build_now(self) -> IndexResult:
        result = self.index.build(progress=self._progressed)
        self._build_took = time.perf_counter() - self._build_started
        return result

    def _progressed(self, phase: str, done: int, total: int) -> None:
        with self._progress_lock:  # on the index thread
            self._progress_seen[phase] = (done, total)
            sink = self._progress_sink
        if sink is not None:
            sink(phase, done, total)

    async def build(self, progress: Callable[[str, int, int], None] | None = None,
                    ) -> IndexResult:
        """Index the workspace (or wait for the build `start_build` began);
        `progress(phase, done, total)` (`ProjectIndex.build`) is called on the
        event loop, never from the index thread."""
        if progress is not None:
            loop = asyncio.get_running_loop()

            def report(phase: str, done: int, total: int) -> None:
                loop.call_soon_threadsafe(progress, phase, done, total)

            with self._progress_lock:
                self._progress_sink = report
                seen = list(self._progress_seen.items())
            for phase, (done, total) in seen:
                progress(phase, done, total)
        self.start_build()
        assert self._building is not None
        result = from_disk = await asyncio.wrap_future(self._building)
        # Documents opened while indexing: their buffers win over the disk. A
        # large one is left to its own analysis (queued since it was opened),
        # which a newer version cancels; this build would wait for its parse.
        # One unchanged from the disk is in the result already.
        for path, doc in list(self.documents.items()):
            if len(doc.text) <= ISOLATE_CHARS and self.index.current(path, doc.text) is None:
                result = await self._run_on(path, self.index.update_file, path, doc.text)
        self.snapshot = result
        broken = any(d.code == SYNTAX for path in self.documents for d in result.for_file(path))
        self.parsed = from_disk if broken else result
        _settle()
        self.built.set()
        # The build's own time (it may have begun before the handshake).
        self.trace(f"indexed in {self._build_took:.3f}s")
        self.publish_changed(self.all_files())
        await self._after_refresh(None)
        return result

    async def preload(self, reading: Callable[[], None] | None = None) -> None:
        """After a build the cache answered, read the facts it left unread
        before the first keystroke needs them, in slices: an analysis queued
        meanwhile runs before the next slice (an edit then reads what it
        needs itself; an unchanged open needs nothing). `reading()` is told
        when there is something to read."""
        steps = self.index.preloading()
        started = time.perf_counter()
        try:
            if not await self.run(_step, steps):
                return
            if reading is not None:
                reading()
            while await self.run(_step, steps):
                pass
        except RuntimeError:  # the session closed (shutdown) between two slices
            if self._closed:
                return
            raise
        _settle()
        self.trace(f"read the cached facts in {time.perf_counter() - started:.3f}s")

    async def _after_refresh(self, saved: Path | None) -> None:
        for hook in self.after_refresh:
            try:
                await hook(saved)
            except Exception:  # one hook failing must not stop diagnostics
                log.exception("mizan-lsp: refresh hook failed")

    # -- documents -----------------------------------------------------------

    def opened(self, path: Path, version: int, text: str) -> None:
        self.documents[path] = Document(version=version, text=text)
        self._schedule(path, debounce=False)

    def changed(self, path: Path, version: int, text: str) -> None:
        doc = self.documents.get(path)
        if doc is None:
            self.opened(path, version, text)
            return
        doc.version, doc.text = version, text
        doc.settled.clear()
        self._schedule(path, debounce=True)

    def closed(self, path: Path) -> None:
        doc = self.documents.pop(path, None)
        self._primed.pop(path, None)
        if doc is not None and doc.pending is not None:
            doc.pending.cancel()
        # The file on disk is the truth again (the buffer may have been discarded).
        if self.built.is_set():
            asyncio.ensure_future(self._refresh_from_disk([path], []))

    def _schedule(self, path: Path, debounce: bool) -> None:
        doc = self.documents[path]
        if doc.pending is not None and not doc.pending.done():
            doc.pending.cancel()
        delay = self.settings.debounce_ms / 1000 if debounce else 0.0
        doc.pending = asyncio.ensure_future(self._analyse(path, doc.version, delay))

    async def _analyse(self, path: Path, version: int, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        if not self.built.is_set():
            await self._provisional(path, version)
        await self.built.wait()
        doc = self.documents.get(path)
        if doc is None or doc.version != version:
            return
        started = time.perf_counter()
        result = await self.update_buffer(path, doc.text)
        doc = self.documents.get(path)
        if doc is None or doc.version != version:
            self.trace(f"dropped analysis of {path.name} v{version} (now newer)")
            return
        self.snapshot = result
        if not any(d.code == SYNTAX for d in result.for_file(path)):
            self.parsed = result
        doc.analysed_version = version
        doc.settled.set()
        self.trace(f"analysed {path.name} v{version} in {time.perf_counter() - started:.4f}s")
        self.publish_changed([path], cross_file=False)

    async def _provisional(self, path: Path, version: int) -> None:
        """While the workspace is indexed: publish what the open file shows
        by itself (`_provisional`), when it shows anything; its full
        findings follow the index."""
        doc = self.documents.get(path)
        if doc is None or doc.version != version or len(doc.text) > ISOLATE_CHARS:
            return  # a large buffer would hold the GIL for as long as it takes
        loop = asyncio.get_running_loop()
        try:
            found = await loop.run_in_executor(self._parsing, local_findings, doc.text, path)
        except RuntimeError:  # the session closed meanwhile
            return
        except Exception:  # the full analysis after the index still comes
            log.exception("mizan-lsp: the findings of %s alone failed", path)
            return
        doc = self.documents.get(path)
        if self.built.is_set() or doc is None or doc.version != version or not found:
            return
        self._published[path] = found
        self.trace(f"published {path.name} v{version} before the index ({len(found)} findings)")
        self.publish(path, version, found, False)

    async def settled(self, path: Path) -> None:
        """Wait until the document's current text is analysed (or the index
        is built, for a file that is not open)."""
        await self.built.wait()
        doc = self.documents.get(path)
        while doc is not None and doc.analysed_version != doc.version:
            await doc.settled.wait()
            doc = self.documents.get(path)

    # -- cross-file facts ----------------------------------------------------

    async def saved(self, path: Path) -> None:
        await self.settled(path)
        self.publish_changed(self.all_files())
        await self._after_refresh(path)

    async def files_changed(self, changed: Iterable[Path], deleted: Iterable[Path]) -> None:
        await self.built.wait()
        await self._refresh_from_disk(list(changed), list(deleted))

    async def _refresh_from_disk(self, changed: list[Path], deleted: list[Path]) -> None:
        result = self.snapshot
        for path in deleted:
            if path not in self.documents:
                result = await self._run_on(path, self.index.remove_file, path)
        for path in changed:
            if path not in self.documents and path.suffix == ".py":
                result = await self._run_on(path, self.index.update_file, path, None)
        if result is not None:
            self.snapshot = self.parsed = result
        self.publish_changed(self.all_files() | set(deleted))
        await self._after_refresh(None)

    # -- what the editor sees --------------------------------------------------

    def diagnostics(self) -> dict[Path, tuple[Diagnostic, ...]]:
        """Every current finding, grouped by absolute file path."""
        grouped: dict[Path, list[Diagnostic]] = {}
        sources: list[Iterable[Diagnostic]] = list(self.extra.values())
        absolute: dict[str, str] = {}
        if self.snapshot is not None:
            sources.append(self.snapshot.diagnostics)
            absolute = self.snapshot.paths
        for source in sources:
            for d in source:
                known = absolute.get(d.file)
                path = Path(known) if known else resolve_file(self.config.root, d.file)
                grouped.setdefault(path, []).append(d)
        return {path: tuple(sorted(ds, key=Diagnostic.sort_key)) for path, ds in grouped.items()}

    def diagnostics_for(self, path: Path) -> tuple[Diagnostic, ...]:
        return self.diagnostics().get(path, ())

    def all_files(self) -> set[Path]:
        return set(self.diagnostics()) | set(self._published)

    def publish_changed(self, paths: Iterable[Path], cross_file: bool = True) -> None:
        """Tell the editor about the files among `paths` whose findings changed.

        After analysing one document (`cross_file=False`) that document is
        always published (its version moved on); on a cross-file refresh only
        files whose findings differ from what the editor was last told."""
        current = self.diagnostics()
        for path in sorted(paths):
            found = current.get(path, ())
            doc = self.documents.get(path)
            if doc is not None and doc.analysed_version != doc.version:
                continue  # a newer version is on its way; never publish old text's findings
            if self._published.get(path, ()) == found and (cross_file or doc is None):
                continue
            if found:
                self._published[path] = found
            else:
                self._published.pop(path, None)
            self.publish(path, doc.version if doc is not None else None, found, cross_file)


def _step(steps: Iterator[None]) -> bool:
    """One slice of `steps`; False once there is none left."""
    return _without_gc(next, steps, _DONE) is not _DONE


def _settle() -> None:
    """Leave what the index holds now out of the cyclic collector's scans: a
    full collection over a big project's facts (half a million objects at
    5000 functions) takes 0.4 s, and would land on whichever keystroke
    triggers it. Freed objects are still freed; only cycles among them wait."""
    gc.collect()
    gc.freeze()


def _without_gc(fn: Callable[..., T], *args: Any) -> T:
    """`fn(*args)` with the cyclic collector off, as a build runs: the facts
    and their resolution are many small acyclic objects, and a full
    collection while they are made re-scans all those made before (a fifth
    of the time of reading the cached facts, in 0.1-0.2 s pauses; more in
    the first edit after a warm start, which reads them all)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return fn(*args)
    finally:
        if enabled:
            gc.enable()


_DONE = object()
