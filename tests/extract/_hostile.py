"""Inputs built to attack the static tools, shared by the suites that feed
them to `mizan check`, the language server and the mypy plugin."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

from mizan_core.extract._files import FACTS_VERSION

__all__ = ["hostile_cache"]


class _Payload:
    """Unpickling this writes `marker`: proof that a reader ran it."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, (f"open({str(self.marker)!r}, 'w').write('ran')",))


def hostile_cache(folder: Path, marker: Path) -> bytes:
    """Write the payload under every cache file name any version used or uses."""
    payload = pickle.dumps(_Payload(marker))
    # The payload is live: unpickling it (in another process) writes the marker.
    subprocess.run([sys.executable, "-c", "import pickle,sys; pickle.loads(sys.stdin.buffer.read())"],
                   input=payload, check=True, timeout=60)
    assert marker.exists()
    marker.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    for version in range(1, FACTS_VERSION + 3):
        for stem in ("facts", "result", "plugin-facts"):
            for suffix in ("pickle", "cache"):
                (folder / f"{stem}-v{version}.{suffix}").write_bytes(payload)
    return payload
