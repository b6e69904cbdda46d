"""Diagnostics: document sync in, findings out.

Two ways out, chosen by what the client announced on `initialize`:

- push (default): `textDocument/publishDiagnostics` with the document's
  version, so the editor can tell findings for old text apart;
- pull (the client has `textDocument.diagnostic`): the client asks per
  document (`textDocument/diagnostic`); the answer waits for the current
  version's analysis, and carries a `resultId` so an unchanged answer is
  "unchanged". When cross-file facts change, the server asks the client to
  pull again (`workspace/diagnostic/refresh`), if it supports that.
"""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types

from mizan_core.rules import Diagnostic

from .._convert import lsp_diagnostic
from .._guard import guarded
from .._paths import path_to_uri, uri_to_path
from ..session import Publisher

if TYPE_CHECKING:
    from ..language_server import MizanLanguageServer

__all__ = ["publisher", "register", "result_id"]


def result_id(found: tuple[Diagnostic, ...]) -> str:
    digest = hashlib.blake2b(digest_size=8)
    for d in found:
        digest.update(repr(d.to_json()).encode())
    return digest.hexdigest()


def publisher(server: MizanLanguageServer) -> Publisher:
    if server.pull_diagnostics:
        workspace = server.client_capabilities.workspace
        refresh = bool(workspace and workspace.diagnostics and workspace.diagnostics.refresh_support)
        pending: list[bool] = []

        def refresh_now() -> None:
            pending.clear()
            server.workspace_diagnostic_refresh(None)

        def ask_to_pull(path: Path, version: int | None, found: tuple[Diagnostic, ...],
                        cross_file: bool) -> None:
            # Another file's change moved these findings: one refresh (for the
            # whole batch) makes the client pull its documents again. After a
            # plain edit the client pulls the edited document by itself.
            if refresh and cross_file and not pending:
                pending.append(True)
                asyncio.get_running_loop().call_soon(refresh_now)

        return ask_to_pull

    def push(path: Path, version: int | None, found: tuple[Diagnostic, ...],
             cross_file: bool) -> None:
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=path_to_uri(path), version=version,
            diagnostics=[lsp_diagnostic(d) for d in found]))

    return push


def _document(server: MizanLanguageServer, uri: str) -> tuple[Path, int, str] | None:
    path = uri_to_path(uri)
    if path is None:
        return None
    doc = server.workspace.get_text_document(uri)
    return path, doc.version or 0, doc.source


def register(server: MizanLanguageServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @guarded("document sync")
    def text_changed(ls: MizanLanguageServer,
                     params: types.DidOpenTextDocumentParams | types.DidChangeTextDocumentParams
                     ) -> None:
        found = _document(ls, params.text_document.uri)
        if found is None or ls.session is None:
            return
        if isinstance(params, types.DidOpenTextDocumentParams):
            ls.session.opened(*found)  # analysed at once: nothing is being typed yet
        else:
            ls.session.changed(*found)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @guarded("didClose")
    def did_close(ls: MizanLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        path = uri_to_path(params.text_document.uri)
        if path is not None and ls.session is not None:
            ls.session.closed(path)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    @guarded("didSave")
    async def did_save(ls: MizanLanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        path = uri_to_path(params.text_document.uri)
        if path is not None and ls.session is not None:
            await ls.session.saved(path)

    @server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC, types.DiagnosticOptions(
        identifier="mizan", inter_file_dependencies=True, workspace_diagnostics=False))
    @guarded("textDocument/diagnostic", lambda: types.RelatedFullDocumentDiagnosticReport(items=[]))
    async def pull(ls: MizanLanguageServer, params: types.DocumentDiagnosticParams
                   ) -> types.DocumentDiagnosticReport:
        path = uri_to_path(params.text_document.uri)
        if path is None or ls.session is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        await ls.session.settled(path)
        found = ls.session.diagnostics_for(path)
        rid = result_id(found)
        if params.previous_result_id == rid:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=rid)
        return types.RelatedFullDocumentDiagnosticReport(
            items=[lsp_diagnostic(d) for d in found], result_id=rid)
