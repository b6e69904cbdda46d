"""An `Editor` over pytest-lsp's client: it keeps document versions and
records every notification (diagnostics with their version, capability
registrations) the way an editor would see them."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from lsprotocol import types
from pygls.protocol import default_converter
from pygls.uris import from_fs_path
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

__all__ = ["TIMEOUT", "Editor", "client_capabilities", "client_factory", "wait_for"]

TIMEOUT = 60.0  # seconds: the machine is shared; a hang still fails


async def wait_for(predicate: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        await asyncio.sleep(0.01)


def client_capabilities(pull: bool = False) -> types.ClientCapabilities:
    text = types.TextDocumentClientCapabilities(
        synchronization=types.TextDocumentSyncClientCapabilities(did_save=True),
        publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True),
        hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
        completion=types.CompletionClientCapabilities(),
        definition=types.DefinitionClientCapabilities(link_support=False),
        code_action=types.CodeActionClientCapabilities(
            code_action_literal_support=types.ClientCodeActionLiteralOptions(
                code_action_kind=types.ClientCodeActionKindOptions(
                    value_set=[types.CodeActionKind.QuickFix]))),
        diagnostic=types.DiagnosticClientCapabilities() if pull else None,
    )
    workspace = types.WorkspaceClientCapabilities(
        did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
            dynamic_registration=True),
        diagnostics=types.DiagnosticWorkspaceClientCapabilities(refresh_support=True) if pull else None,
        apply_edit=True,
    )
    return types.ClientCapabilities(
        text_document=text, workspace=workspace,
        window=types.WindowClientCapabilities(work_done_progress=True))


def _converter() -> Any:
    """pygls' converter, plus one fix: lsprotocol structures a `CodeAction`
    that carries a `command` as a `Command` (it keys on the field's presence);
    editors tell them apart by the type of `command`, and so does this."""
    converter = default_converter()
    either = Union[types.Command, types.CodeAction]  # noqa: UP007 - the key lsprotocol uses

    def structure(value: Any, _: Any) -> Any:
        if isinstance(value.get("command"), str):
            return converter.structure(value, types.Command)
        return converter.structure(value, types.CodeAction)

    converter.register_structure_hook(either, structure)
    return converter


def client_factory() -> LanguageClient:
    client = LanguageClient(converter_factory=_converter)
    features = dict(DEFAULT_CLIENT_FEATURES)
    client.published = []  # type: ignore[attr-defined]
    client.registrations = []  # type: ignore[attr-defined]
    default_publish = features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def publish(c: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        c.published.append(params)  # type: ignore[attr-defined]
        default_publish(c, params)

    def register_capability(c: LanguageClient, params: types.RegistrationParams) -> None:
        c.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    features[types.CLIENT_REGISTER_CAPABILITY] = register_capability
    register_lsp_features(client, features)
    return client


@dataclass
class Editor:
    client: LanguageClient
    root: Path
    versions: dict[str, int] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    def uri(self, rel: str) -> str:
        uri = from_fs_path(str((self.root / rel).resolve()))
        assert uri is not None
        return uri

    @property
    def published(self) -> list[types.PublishDiagnosticsParams]:
        return self.client.published  # type: ignore[attr-defined,no-any-return]

    def open(self, rel: str, text: str | None = None) -> None:
        text = (self.root / rel).read_text() if text is None else text
        self.versions[rel], self.texts[rel] = 1, text
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=self.uri(rel), language_id="python",
                                                 version=1, text=text)))

    def change(self, rel: str, text: str) -> int:
        """Replace the whole buffer (what most editors send after a paste)."""
        self.versions[rel] += 1
        self.texts[rel] = text
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(
                uri=self.uri(rel), version=self.versions[rel]),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.versions[rel]

    def save(self, rel: str) -> None:
        (self.root / rel).write_text(self.texts[rel])
        self.client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=self.uri(rel))))

    def position(self, rel: str, needle: str, offset: int = 0) -> types.Position:
        """The position of `needle` (plus `offset` characters) in the buffer."""
        text = self.texts.get(rel) or (self.root / rel).read_text()
        index = text.index(needle) + offset
        line = text.count("\n", 0, index)
        return types.Position(line=line, character=index - (text.rfind("\n", 0, index) + 1))

    def latest(self, rel: str) -> types.PublishDiagnosticsParams | None:
        uri = self.uri(rel)
        return next((p for p in reversed(self.published) if p.uri == uri), None)

    async def diagnostics(self, rel: str, version: int | None = None,
                          where: Callable[[list[types.Diagnostic]], bool] = lambda ds: True,
                          ) -> list[types.Diagnostic]:
        """The latest published diagnostics of `rel` once they are for `version`
        (when given) and satisfy `where`."""
        def ready() -> list[types.Diagnostic] | None:
            latest = self.latest(rel)
            if latest is None or (version is not None and latest.version != version):
                return None
            return list(latest.diagnostics) if where(list(latest.diagnostics)) else None

        found = await wait_for(lambda: (r := ready()) is not None and (r,), f"diagnostics of {rel}")
        return found[0]  # type: ignore[no-any-return]


