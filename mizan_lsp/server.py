"""Entry point of `mizan-lsp` / `mizan lsp` / `python -m mizan_lsp`: reads
the `initialize` request and starts indexing (`_early`), then builds the
pygls server (`language_server`), lets each feature module register its
handlers, and serves LSP over stdio.

Nothing here imports pygls' server or the protocol types at module level:
they load after the index has started.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from mizan_core.extract.isolated import parse_elsewhere

from ._early import Replay, read_message, start_session
from ._options import add_arguments

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="mizan-lsp", description="The Mizan language server (LSP over stdio).")
    add_arguments(parser)
    args = parser.parse_args(argv)
    # stdout is the LSP channel: logging must stay on stderr.
    logging.basicConfig(stream=sys.stderr, level=args.log_level,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    stdin = sys.stdin.buffer
    first = read_message(stdin)
    # The index's own thread waits while pygls loads; the helpers parse.
    with parse_elsewhere():
        early = start_session(first)

        from .language_server import create_server

        server = create_server(early)
    server.start_io(stdin=Replay(first, stdin))  # type: ignore[arg-type]
    return 0
