"""Entry point of `mizan-lsp` / `mizan lsp`: builds the pygls server, lets each
feature module register its handlers, and serves LSP over stdio.

The server object carries the `Session` (created on `initialized`, when the
workspace root and the client's options are known) and the client facts the
features branch on (pull diagnostics, progress, dynamic file watching).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from mizan_core.config import ProjectConfig

from .session import Session
from .settings import Settings

__all__ = ["MizanLanguageServer", "create_server", "main"]


def _version() -> str:
    try:
        return version("mizan")
    except PackageNotFoundError:
        return "0"


class MizanLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("mizan-lsp", _version(),
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.session: Session | None = None
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


def create_server() -> MizanLanguageServer:
    from .features import register_all

    server = MizanLanguageServer()
    register_all(server)
    return server


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="mizan-lsp", description="The Mizan language server (LSP over stdio).")
    # Editors' LSP clients (vscode-languageclient) pass --stdio; stdio is the only transport.
    parser.add_argument("--stdio", action="store_true", help="talk LSP over stdio (the default)")
    parser.add_argument("--log-level", default="WARNING",
                        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                        help="what goes to stderr (default: WARNING)")
    args = parser.parse_args(argv)
    # stdout is the LSP channel: logging must stay on stderr.
    logging.basicConfig(stream=sys.stderr, level=args.log_level,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    create_server().start_io()
    return 0
