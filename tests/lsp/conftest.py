"""Fixtures: `start_editor(root, ...)` starts a real `mizan-lsp` process
(`python -m mizan_lsp`) driven over stdio by pytest-lsp's client, and returns
an `Editor`; a test may start several (different settings). Every server is
shut down with `shutdown`/`exit` at teardown. `shop` is a fresh copy of the
test project.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient

from ._editor import Editor, client_capabilities, client_factory
from ._workspace import write_workspace

StartEditor = Callable[..., Awaitable[Editor]]


@pytest_asyncio.fixture
async def start_editor() -> AsyncIterator[StartEditor]:
    clients: list[LanguageClient] = []

    async def start(root: Path, *, pull: bool = False, options: dict[str, Any] | None = None,
                    command: list[str] | None = None) -> Editor:
        config = ClientServerConfig(
            server_command=command or [sys.executable, "-m", "mizan_lsp"],
            client_factory=client_factory)
        client = await config.start()
        clients.append(client)  # type: ignore[arg-type]
        await client.initialize_session(types.InitializeParams(
            capabilities=client_capabilities(pull=pull),
            root_uri=from_fs_path(str(root)),
            workspace_folders=[types.WorkspaceFolder(uri=from_fs_path(str(root)) or "", name="ws")],
            initialization_options=options if options is not None else {"debounceMs": 0},
        ))
        return Editor(client=client, root=root)  # type: ignore[arg-type]

    yield start
    for client in clients:
        if client._server is not None and client._server.returncode is not None:
            await client.stop()  # the test ended it already
            continue
        try:
            await asyncio.wait_for(client.shutdown_session(), 30)
        finally:
            await client.stop()


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A fresh copy of the test project; returns the workspace root."""
    write_workspace(tmp_path)
    return tmp_path

