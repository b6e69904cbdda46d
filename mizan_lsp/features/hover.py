"""Hover on a @client function (its name or decorators) or on an `affects`
target: the IR summary and the TypeScript signature it generates.

Waits for the document's current version to be analysed, so the hover
describes the text on screen; a cancelled hover stops at that wait and is
never computed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from .._guard import guarded
from .._paths import uri_to_path
from ._frontend import TS_SUFFIXES
from ._lookup import site_at
from ._summary import context_markdown, function_markdown, unregistered_markdown
from ._target import target_at
from .ts_navigation import ts_hover

if TYPE_CHECKING:
    from ..language_server import MizanLanguageServer

__all__ = ["register"]


def register(server: MizanLanguageServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @guarded("hover")
    async def hover(ls: MizanLanguageServer, params: types.HoverParams) -> types.Hover | None:
        session = ls.session
        path = uri_to_path(params.text_document.uri)
        if session is None or path is None:
            return None
        await session.settled(path)
        if path.suffix in TS_SUFFIXES:  # a frontend file: the Python behind a generated name
            return ts_hover(ls, session, path, params.text_document.uri, params.position)
        snapshot = session.snapshot
        if snapshot is None:
            return None
        line, character = params.position.line, params.position.character
        ls.trace(f"hover at {line}:{character}")
        ir = snapshot.ir
        text = ls.workspace.get_text_document(params.text_document.uri).source
        markdown: str | None = None
        span: types.Range | None = None
        target = target_at(snapshot, path, text, line, character)
        if target is not None:
            if target.kind == "context":
                ctx = ir.context(target.name)
                markdown = context_markdown(ctx, ir) if ctx is not None else None
            elif target.functions:
                markdown = function_markdown(target.functions[0], ir)
            elif target.sites:
                markdown = unregistered_markdown(target.sites[0])
            else:
                markdown = f"`{target.name}` names no context and no registered function"
            span = types.Range(
                start=types.Position(line=line, character=target.cursor.start),
                end=types.Position(line=line, character=target.cursor.end))
        else:
            site = site_at(snapshot, path, line, character)
            # The IR's own Function (the site's copy predates assemble(): no scopes).
            if site is not None and site.registered_names:
                fn = ir.function(site.registered_names[0])
                if fn is not None:
                    markdown = function_markdown(fn, ir, also=site.registered_names[1:])
            elif site is not None:
                markdown = unregistered_markdown(site)
        if markdown is None:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                        value=markdown), range=span)
