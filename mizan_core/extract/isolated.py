"""Parsing out of this process, for a caller whose own process must keep
answering: `read_module` in a helper interpreter while a large file is
parsed, and `parse_elsewhere()` while the process is busy for a moment.

libcst's native parser keeps the GIL for the whole parse (seconds on a file
near the size bounds), so a parse on another thread still stops every
thread of the process. In a helper process it stops nothing, and `cancel`
ends it at once: the helper is killed (a fresh one starts on the next read).
The helper is the one the parallel cold index uses: a `python -c`
interpreter that only its parent talks to, over its own pipes.

    reader = IsolatedReader()
    facts = reader.read(ticket, (text, module, is_package))  # blocks; from one thread
    reader.cancel(ticket)      # from any thread: that read, in flight, raises Cancelled
    reader.cancel(ticket, 0.25)  # the same, unless it ends within a quarter second
    reader.close()             # no helper left behind

    with parse_elsewhere():    # a cold index started meanwhile (on another
        ...                    # thread) leaves its files to the helpers
"""

from __future__ import annotations

import pickle
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ._parallel import host_parses, receive, send, start_helper

if TYPE_CHECKING:
    from .facts import ModuleFacts

__all__ = ["Cancelled", "IsolatedReader", "parse_elsewhere"]


@contextmanager
def parse_elsewhere() -> Iterator[None]:
    """Inside, a cold index building on another thread of this process
    parses in its helper processes only (they start at once); its own thread
    joins them on leaving. For a host whose main thread has work of its own
    first: libcst's parse of each file would take the GIL from it."""
    host_parses(False)
    try:
        yield
    finally:
        host_parses(True)

Job = tuple[str, str, bool]  # read_module's (text, module, is_package)


class Cancelled(Exception):
    """The read was cancelled (or the reader closed) before it finished."""


class IsolatedReader:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._helper: subprocess.Popen[bytes] | None = None
        self._current: object | None = None  # the ticket of the read in flight
        self._killed: object | None = None  # the ticket whose read `cancel` killed
        self._closed = False

    def read(self, ticket: object, job: Job) -> ModuleFacts:
        """The facts of `job`, read in the helper. Raises `Cancelled` when
        `cancel(ticket)` or `close()` ended it, OSError or EOFError when no
        helper could run it (the caller may read it itself)."""
        with self._lock:
            if self._closed:
                raise Cancelled
            helper = self._helper
            if helper is None or helper.poll() is not None:
                helper = self._helper = start_helper()
            self._current = ticket
        assert helper.stdin is not None and helper.stdout is not None
        try:
            send(helper.stdin, [job])
            facts: ModuleFacts = pickle.loads(receive(helper.stdout))[0]
            return facts
        except (OSError, EOFError, pickle.UnpicklingError) as exc:
            with self._lock:
                if self._helper is helper:
                    self._helper = None
                cancelled = self._closed or self._killed is ticket
            _end(helper)
            if cancelled:
                raise Cancelled from exc
            raise EOFError("the parse helper stopped") from exc
        finally:
            with self._lock:
                self._current = None
                if self._killed is ticket:
                    self._killed = None

    def cancel(self, ticket: object, grace: float = 0.0) -> None:
        """End the read of `ticket` if it is in flight (the helper is killed);
        nothing otherwise. With a `grace` (seconds), a read that ends within
        it is left to end: the helper keeps the statements it parsed, which
        the next read of the same file (the buffer's next version) reuses."""
        if grace > 0:
            timer = threading.Timer(grace, self.cancel, (ticket,))
            timer.daemon = True
            timer.start()
            return
        with self._lock:
            if self._current is not ticket:
                return
            helper, self._helper = self._helper, None
            self._killed = ticket
        if helper is not None:
            helper.kill()

    def close(self) -> None:
        """Kill the helper (a read in flight raises `Cancelled`); later reads
        are refused."""
        with self._lock:
            self._closed = True
            helper, self._helper = self._helper, None
        if helper is not None:
            _end(helper)


def _end(helper: subprocess.Popen[bytes]) -> None:
    helper.kill()
    for stream in (helper.stdin, helper.stdout):
        if stream is not None:
            try:
                stream.close()
            except OSError:
                pass
    helper.wait()
