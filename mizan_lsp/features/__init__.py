"""One LSP feature per module; each exposes `register(server)`.

Order matters only for `indexing`, which creates the session the others read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import (
    code_actions,
    completion,
    definition,
    diagnostics,
    hover,
    indexing,
    references,
    ts_sync,
    unused_hint,
    usage_lens,
)

if TYPE_CHECKING:
    from ..language_server import MizanLanguageServer

__all__ = ["register_all"]


def register_all(server: MizanLanguageServer) -> None:
    for feature in (indexing, diagnostics, completion, hover, definition, code_actions, ts_sync,
                    references, unused_hint, usage_lens):
        feature.register(server)
