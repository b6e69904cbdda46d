"""The pygls server object: it carries the `Session` (created on
`initialized`, when the workspace root and the client's options are known,
or started before the handshake by `server.main`) and the client facts the
features branch on (pull diagnostics, progress, dynamic file watching).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from mizan_core.config import ProjectConfig

from .session import Session
from .settings import Settings

__all__ = ["MizanLanguageServer", "create_server"]


def _version() -> str:
    try:
        return version("mizan-django")
    except PackageNotFoundError:
        return "0"


class MizanLanguageServer(LanguageServer):
    def __init__(self, early: Session | None = None) -> None:
        super().__init__("mizan-lsp", _version(),
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.session: Session | None = None
        # Indexing since before the handshake: adopted on `initialized` when
        # the configuration read then is the one it was started with.
        self.early = early
        self.settings = Settings()
        self.config: ProjectConfig | None = None
        self.root: Path | None = None
        # Called with each new session (features that hook into its refreshes).
        self.on_session: list[Callable[[Session], None]] = []

    @property
    def pull_diagnostics(self) -> bool:
        """The client asks for diagnostics (textDocument/diagnostic) instead of
        being told: then the server does not push them."""
        caps = self.client_capabilities.text_document
        return caps is not None and caps.diagnostic is not None

    def trace(self, message: str) -> None:
        if self.settings.trace:
            self.window_log_message(types.LogMessageParams(
                type=types.MessageType.Log, message=f"mizan: {message}"))

    def tell_user(self, message: str, kind: types.MessageType = types.MessageType.Warning) -> None:
        self.window_show_message(types.ShowMessageParams(type=kind, message=f"mizan: {message}"))


def create_server(early: Session | None = None) -> MizanLanguageServer:
    from .features import register_all

    server = MizanLanguageServer(early)
    register_all(server)
    return server
