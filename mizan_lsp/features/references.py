"""From Python to the TypeScript that uses it: find-references on a @client
function, a context or function named in `affects=`, a form, a channel, a
model or an enum lists the frontend's uses of its generated names
(`useAddItem`, `callAddItem`, `CartProvider`, `useContactForm`, ...).

The frontend is the `.ts`/`.tsx` files under the `frontend_roots` setting
that import the generated folder; open buffers win over the disk. The
generated folder itself is not listed: its names are definitions, not uses.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types

from mizan_core.extract import IndexResult

from .._guard import guarded
from .._paths import path_to_uri, uri_to_path
from ._frontend import TS_SUFFIXES, frontend_files, generated_names_at, targets_of, uses
from .ts_navigation import frontend_roots

if TYPE_CHECKING:
    from ..language_server import MizanLanguageServer
    from ..session import Session

__all__ = ["frontend_sources", "python_with_frontend", "register"]


def frontend_sources(ls: MizanLanguageServer, session: Session) -> Iterator[tuple[Path, str]]:
    """The frontend files with their current text (an open buffer, else the disk)."""
    output = session.config.output
    for path, text in frontend_files(frontend_roots(ls, session), output):
        doc = ls.workspace.text_documents.get(path_to_uri(path))
        yield path, doc.source if doc is not None else text


async def python_with_frontend(ls: MizanLanguageServer, uri: str
                               ) -> tuple[Session, Path, IndexResult] | None:
    """For a request on a Python document, once its text is analysed: the
    session, path and snapshot; None without frontend roots or a snapshot."""
    session = ls.session
    path = uri_to_path(uri)
    if session is None or path is None or path.suffix in TS_SUFFIXES \
            or not ls.settings.frontend_roots:
        return None
    await session.settled(path)
    snapshot = session.snapshot
    return (session, path, snapshot) if snapshot is not None else None


def register(server: MizanLanguageServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    @guarded("references", list)
    async def references(ls: MizanLanguageServer, params: types.ReferenceParams
                         ) -> list[types.Location]:
        ready = await python_with_frontend(ls, params.text_document.uri)
        if ready is None:
            return []
        session, path, snapshot = ready
        text = ls.workspace.get_text_document(params.text_document.uri).source
        position = params.position
        names = generated_names_at(targets_of(snapshot), snapshot, path, text, position.line,
                                   position.character)
        ls.trace(f"references for {', '.join(names) or 'nothing generated'}")
        if not names:
            return []
        found = await session.run(lambda: uses(list(frontend_sources(ls, session)), names))
        return [types.Location(uri=path_to_uri(file), range=types.Range(
            start=types.Position(line=line, character=start),
            end=types.Position(line=line, character=end))) for file, line, start, end in found]
