"""Build the plugin's `ProjectFacts` in a helper process, while mypy works.

A cold mypy spends its first seconds parsing and analysing the standard
library and third-party stubs before it checks any project module, and the
static index needs about a second of CPU for a 1000-function project. The
plugin starts this module as a separate interpreter when mypy loads it, so
the two overlap; the facts come back pickled on stdout. If the helper fails
for any reason, the plugin builds the facts itself (same result, no overlap).

    python -m mizan_mypy._indexer   < pickle(ProjectConfig, cache_dir)   > pickle(ProjectFacts)

The helper answers as soon as the facts exist and writes the index cache
after closing stdout, so mypy never waits for the cache write.
"""

from __future__ import annotations

import os
import pickle
import select
import subprocess
import sys
from pathlib import Path

from mizan_core.config import ProjectConfig

from ._project import ProjectFacts, load_facts

__all__ = ["Prefetch"]


class Prefetch:
    """The facts, computed by a helper process started right away."""

    def __init__(self, config: ProjectConfig, cache_dir: Path | None) -> None:
        self._config = config
        self._cache_dir = cache_dir
        self._proc: subprocess.Popen[bytes] | None
        try:
            # One worker: mypy keeps a core busy, forked parsers would take it.
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "mizan_mypy._indexer"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                env={**os.environ, "MIZAN_WORKERS": "1"})
            assert self._proc.stdin is not None
            self._proc.stdin.write(pickle.dumps((config, cache_dir)))
            self._proc.stdin.close()
        except OSError:
            self._proc = None

    def busy(self) -> bool:
        """Whether the helper is still building the facts (`result()` would wait).

        The helper writes nothing before the facts exist, so a first byte on
        its stdout means they do. Without a helper, nothing is under way: the
        facts are built in this process when first asked for.
        """
        proc = self._proc
        if proc is None or proc.stdout is None:
            return False
        try:
            readable, _, _ = select.select([proc.stdout], [], [], 0)
        except (OSError, ValueError):
            return False
        return not readable

    def result(self) -> ProjectFacts:
        proc, self._proc = self._proc, None
        if proc is not None:
            try:
                assert proc.stdout is not None
                # The helper closes stdout once the facts are out, then writes
                # its cache; mypy need not wait for that.
                out = proc.stdout.read()
                facts = pickle.loads(out) if out else None
                if isinstance(facts, ProjectFacts):
                    return facts
                proc.wait(timeout=600)
            except (subprocess.TimeoutExpired, pickle.UnpicklingError, EOFError, OSError):
                proc.kill()
        return load_facts(self._config, self._cache_dir)


def _main() -> int:
    config, cache_dir = pickle.loads(sys.stdin.buffer.read())

    replied = False

    def reply(facts: ProjectFacts) -> None:
        nonlocal replied
        try:
            sys.stdout.buffer.write(pickle.dumps(facts))
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            pass  # mypy finished without asking: the cache is still worth writing
        # sys.stdout never closes its descriptor (closefd=False): close fd 1
        # itself so the plugin sees end-of-file now, not at this process's exit.
        os.close(sys.stdout.fileno())
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until exit
        replied = True

    facts = load_facts(config, cache_dir, after=reply)
    if not replied:  # the index failed before `after`: reply now
        reply(facts)
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
