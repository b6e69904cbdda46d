"""Indexing starts before the LSP machinery loads.

Importing pygls and lsprotocol (hundreds of attrs classes) takes most of a
second, and an editor sends `initialize` the moment it has started the
server. So the server reads that first message itself, starts the index of
the workspace it names on the index thread (which starts the parse helpers
on the other cores), and only then imports pygls, which is handed the
message again (`Replay`). The handshake is then answered as before; the
`initialized` handler adopts the session when the configuration it reads is
the one the early session was started with.

Anything unexpected (not `initialize`, unreadable JSON, a configuration
error) starts nothing early: pygls sees the same bytes and the usual path
reports the problem.
"""

from __future__ import annotations

import json
import logging
from typing import IO, TYPE_CHECKING, Any

from ._paths import workspace_root

if TYPE_CHECKING:
    from .session import Session

__all__ = ["Replay", "read_message", "start_session"]

log = logging.getLogger("mizan_lsp")


def read_message(stream: IO[bytes]) -> bytes:
    """One JSON-RPC frame (headers and body) as read, or what there was
    before the stream ended."""
    head = b""
    length = 0
    while True:
        line = stream.readline()
        head += line
        if not line or line in (b"\r\n", b"\n"):
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            try:
                length = int(value.strip())
            except ValueError:
                return head
    if not line or length <= 0:
        return head
    return head + stream.read(length)


class Replay:
    """A binary stdin that gives `first` again before reading on: what pygls
    reads from (it calls `readline` and `read(n)` from one thread)."""

    def __init__(self, first: bytes, stream: IO[bytes]) -> None:
        self._pending = first
        self._stream = stream

    def readline(self) -> bytes:
        if not self._pending:
            return self._stream.readline()
        line, newline, rest = self._pending.partition(b"\n")
        if not newline:  # the buffer ends inside a line: the stream has the rest
            self._pending = b""
            return line + self._stream.readline()
        self._pending = rest
        return line + newline

    def read(self, size: int = -1) -> bytes:
        if not self._pending:
            return self._stream.read(size)
        if size < 0:
            data, self._pending = self._pending, b""
            return data + self._stream.read()
        data, self._pending = self._pending[:size], self._pending[size:]
        if len(data) < size:
            data += self._stream.read(size - len(data))
        return data


def _initialize_params(frame: bytes) -> dict[str, Any] | None:
    _, _, body = frame.partition(b"\r\n\r\n")
    try:
        message = json.loads(body)
    except ValueError:
        return None
    if not isinstance(message, dict) or message.get("method") != "initialize":
        return None
    params = message.get("params")
    return params if isinstance(params, dict) else None


def start_session(frame: bytes) -> Session | None:
    """The `Session` of the workspace `frame` (an `initialize` request)
    names, its index already building; None when nothing can start early."""
    params = _initialize_params(frame)
    if params is None:
        return None
    folders = params.get("workspaceFolders")
    uris = [f.get("uri") for f in folders if isinstance(f, dict)] if isinstance(folders, list) else []
    root_uri, root_path = params.get("rootUri"), params.get("rootPath")
    try:
        root = workspace_root([u for u in uris if isinstance(u, str)],
                              root_uri if isinstance(root_uri, str) else None,
                              root_path if isinstance(root_path, str) else None)
    except (OSError, ValueError):
        return None
    from mizan_core.config import ConfigError, load_config

    try:
        config = load_config(cwd=root)
    except ConfigError:
        return None  # `initialize` tells the user, and indexes the fallback
    from .session import Session
    from .settings import merge_settings

    settings, _ = merge_settings(config.extra, params.get("initializationOptions"),
                                 file_name=config.file.name if config.file else "pyproject.toml")
    session = Session(config, settings, publish=lambda *args: None)
    try:
        session.start_build()
    except Exception:  # the usual path starts it again, and reports what fails
        log.exception("mizan-lsp: indexing could not start early")
        session.close()
        return None
    return session
