"""Build the plugin's `ProjectFacts` in a helper process, while mypy works.

A cold mypy spends its first seconds parsing and analysing the standard
library and third-party stubs before it checks any project module, and the
static index needs about a second of CPU for a 1000-function project. The
plugin starts this module as a separate interpreter when mypy loads it, so
the two overlap; the facts come back pickled on stdout. If the helper fails
for any reason, the plugin builds the facts itself (same result, no overlap).

    python -m mizan_mypy._indexer   < pickle(MizanConfig, cache_dir)   > pickle(ProjectFacts)
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

from mizan_core.config import MizanConfig

from ._project import ProjectFacts, load_facts

__all__ = ["Prefetch"]


class Prefetch:
    """The facts, computed by a helper process started right away."""

    def __init__(self, config: MizanConfig, cache_dir: Path | None) -> None:
        self._config = config
        self._cache_dir = cache_dir
        self._proc: subprocess.Popen[bytes] | None
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "mizan_mypy._indexer"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            assert self._proc.stdin is not None
            self._proc.stdin.write(pickle.dumps((config, cache_dir)))
            self._proc.stdin.close()
        except OSError:
            self._proc = None

    def result(self) -> ProjectFacts:
        proc, self._proc = self._proc, None
        if proc is not None:
            try:
                assert proc.stdout is not None
                out = proc.stdout.read()
                if proc.wait(timeout=600) == 0:
                    facts = pickle.loads(out)
                    if isinstance(facts, ProjectFacts):
                        return facts
            except (subprocess.TimeoutExpired, pickle.UnpicklingError, EOFError, OSError):
                proc.kill()
        return load_facts(self._config, self._cache_dir)


def _main() -> int:
    config, cache_dir = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(pickle.dumps(load_facts(config, cache_dir)))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
