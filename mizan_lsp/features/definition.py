"""Go to definition from an `affects` target: a function name jumps to that
function, a context name to every function of the context (the editor shows
a list when there are several)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types

from .._guard import guarded
from .._paths import path_to_uri, uri_to_path
from ._frontend import TS_SUFFIXES
from ._lookup import span_range
from ._target import target_at
from .ts_navigation import ts_definition

if TYPE_CHECKING:
    from ..language_server import MizanLanguageServer

__all__ = ["register"]


def register(server: MizanLanguageServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @guarded("definition", list)
    async def definition(ls: MizanLanguageServer, params: types.DefinitionParams
                         ) -> list[types.Location]:
        session = ls.session
        path = uri_to_path(params.text_document.uri)
        if session is None or path is None:
            return []
        await session.settled(path)
        if path.suffix in TS_SUFFIXES:  # a frontend file: the Python behind a generated name
            return ts_definition(ls, session, path, params.text_document.uri, params.position)
        snapshot = session.snapshot
        if snapshot is None:
            return []
        line, character = params.position.line, params.position.character
        ls.trace(f"definition at {line}:{character}")
        text = ls.workspace.get_text_document(params.text_document.uri).source
        target = target_at(snapshot, path, text, line, character)
        if target is None:
            return []
        return [types.Location(uri=path_to_uri(Path(site.path)), range=span_range(site.name_span))
                for site in target.sites]
