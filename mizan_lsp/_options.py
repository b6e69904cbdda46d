"""The server's command-line options, shared by `mizan-lsp` and `mizan lsp`."""

from __future__ import annotations

import argparse

__all__ = ["add_arguments"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The server's options, for `mizan lsp` and `mizan-lsp` alike."""
    # Editors' LSP clients (vscode-languageclient) pass --stdio; stdio is the only transport.
    parser.add_argument("--stdio", action="store_true", help="talk LSP over stdio (the default)")
    parser.add_argument("--log-level", default="WARNING",
                        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                        help="what goes to stderr (default: WARNING)")
