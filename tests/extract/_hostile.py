"""Inputs built to attack the static tools, shared by the suites that feed
them to `mizan check`, the language server and the mypy plugin."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

from mizan_core.extract._files import FACTS_VERSION

__all__ = ["GOOD", "HOSTILE_SOURCES", "MIZAN_HEAD", "hostile_cache", "huge_source"]


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
        for stem in ("facts", "files", "result", "plugin-facts"):
            for suffix in ("pickle", "cache"):
                (folder / f"{stem}-v{version}.{suffix}").write_bytes(payload)
    return payload


MIZAN_HEAD = "from mizan_django import client, register\n\n"
GOOD = MIZAN_HEAD + '''@client
def ping(request) -> str:
    return "pong"


register(ping, "ping")
'''

# Files that crashed libcst's parser (exit 139) or took minutes, each
# mentioning Mizan so that it is parsed.
HOSTILE_SOURCES = {
    "brackets": MIZAN_HEAD + "X = " + "(" * 2500 + "1" + ")" * 2500 + "\n",
    "lists_new_syntax": MIZAN_HEAD + "type T = int\nX = " + "[" * 2500 + "]" * 2500 + "\n",
    "chain": MIZAN_HEAD + "X = " + "+".join(["1"] * 5000) + "\n",
    "unary": MIZAN_HEAD + "X = " + "-" * 3000 + "1\n",
    "annotation": MIZAN_HEAD + "@client\ndef f(request) -> '" + "list[" * 2500 + "int"
                  + "]" * 2500 + "':\n    ...\n\n\nregister(f, 'f')\n",
}


def huge_source(megabytes: int = 10) -> str:
    line = "X_%07d = client_value + 1  # padding\n"
    count = megabytes * 1024 * 1024 // len(line % 0)
    return MIZAN_HEAD + "".join(line % i for i in range(count))
