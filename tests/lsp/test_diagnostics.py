"""Diagnostics end to end: as you type, on the exact range, across files,
pushed with versions or pulled, debounced as configured."""

from __future__ import annotations

import asyncio
import textwrap
from pathlib import Path

import pytest
from lsprotocol import types

from mizan_core.config import load_config
from mizan_core.extract import ProjectIndex
from mizan_core.rules import CATALOGUE
from mizan_lsp._convert import lsp_range

from ._editor import wait_for
from ._workspace import CONTEXTS_PY, ORDERS, ORDERS_PY

pytestmark = pytest.mark.asyncio

BROKEN_PY = "backend/shop/broken.py"
BROKEN = '''\
from django.http import HttpRequest

from mizan_django import client, register
from shop.models import CartOut
from shop.tables import Cart


@client(affects="cartt")
def bump_cart(request: HttpRequest, cart_id: int) -> int:
    return cart_id


@client
def shout(request: HttpRequest, text) -> CartOut:
    raise NotImplementedError


@client
def whisper(req: HttpRequest, text: str) -> CartOut:
    raise NotImplementedError


@client
def forgotten(request: HttpRequest) -> CartOut:
    raise NotImplementedError


@client(context="global")
def theme(request: HttpRequest, dark: bool) -> str:
    return "dark"


@client(context="cart")
def cart_label(request: HttpRequest, cart_id: str) -> str:
    return ""


@client(auth="admin", rev=0)
def admin_only(request: HttpRequest) -> CartOut:
    raise NotImplementedError


@client(route="/orders/<int:order_id>/")
def order_page(request: HttpRequest, id: int) -> CartOut:
    raise NotImplementedError


@client
def raw_request(request: HttpRequest) -> HttpRequest:
    return request


@client
def mystery(request: HttpRequest) -> SomethingUndefined:
    raise NotImplementedError


@client
def forget_cart(request: HttpRequest, cart_id: int) -> None:
    Cart.objects.filter(pk=cart_id).delete()


register(bump_cart, "bump_cart")
register(shout, "shout")
register(whisper, "whisper")
register(theme, "theme")
register(cart_label, "cart_label")
register(admin_only, "admin_only")
register(order_page, "order_page")
register(raw_request, "raw_request")
register(mystery, "mystery")
register(forget_cart, "forget_cart")
register(shout, "cart_total")


@client
async def later(request) -> int:
    return 1
'''


def _affects(diagnostics: list[types.Diagnostic]) -> list[types.Diagnostic]:
    return [d for d in diagnostics if d.code == "mizan-affects"]


async def test_a_typo_in_affects_is_flagged_on_the_string_while_typing(start_editor, shop) -> None:
    editor = await start_editor(shop)
    editor.open(ORDERS_PY)
    assert _affects(await editor.diagnostics(ORDERS_PY, version=1)) == []

    version = editor.change(ORDERS_PY, ORDERS.replace('affects="cart"', 'affects="cartt"'))
    found = _affects(await editor.diagnostics(ORDERS_PY, version=version))
    assert len(found) == 1
    diagnostic = found[0]
    assert diagnostic.source == "mizan"
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert "cart" in diagnostic.message  # the suggestion
    # The range is the string literal, in LSP's 0-based positions.
    literal = editor.position(ORDERS_PY, '"cartt"')
    assert diagnostic.range.start == literal
    assert diagnostic.range.end == types.Position(line=literal.line, character=literal.character + 7)

    version = editor.change(ORDERS_PY, ORDERS)
    assert _affects(await editor.diagnostics(ORDERS_PY, version=version)) == []


async def test_every_catalogue_code_arrives_on_the_checkers_exact_range(start_editor, shop) -> None:
    (shop / BROKEN_PY).write_text(BROKEN)
    editor = await start_editor(shop)
    editor.open(BROKEN_PY)
    await editor.diagnostics(BROKEN_PY, version=1)

    # What `mizan check` (the same extractor, in this process) says about the project.
    config = load_config(cwd=shop)
    result = ProjectIndex(list(config.static_paths), display_root=config.root).build()
    expected = sorted(
        ((editor.uri(d.file), d.code, lsp_range(d.line, d.column, d.end_line, d.end_column),
          d.message) for d in result.diagnostics), key=repr)

    def seen() -> list[tuple[str, str, types.Range, str]]:
        latest = {p.uri: p for p in editor.published}
        return sorted(((uri, d.code, d.range, d.message)
                       for uri, p in latest.items() for d in p.diagnostics), key=repr)

    await wait_for(lambda: seen() == expected, "the editor to show what mizan check finds")
    got = [d for p in {p.uri: p for p in editor.published}.values() for d in p.diagnostics]
    codes = {d.code for d in got}
    # Every code of the catalogue (stale output, syntax errors, unreachable
    # modules and the frontend's unused hint have their own tests).
    assert codes >= set(CATALOGUE) - {"mizan-stale", "mizan-syntax", "mizan-unreachable",
                                      "mizan-unused"}, \
        sorted(codes)
    assert all(d.source == "mizan" for d in got)
    warnings = {d.code for d in got if d.severity == types.DiagnosticSeverity.Warning}
    assert warnings == {"mizan-unregistered", "mizan-unresolved", "mizan-no-affects"}


async def test_renaming_a_context_flags_the_affects_in_another_file_on_save(start_editor, shop) -> None:
    editor = await start_editor(shop)
    editor.open(CONTEXTS_PY)
    await editor.diagnostics(CONTEXTS_PY, version=1)
    renamed = (shop / CONTEXTS_PY).read_text().replace('context="cart"', 'context="basket"')
    editor.change(CONTEXTS_PY, renamed)
    editor.save(CONTEXTS_PY)

    # orders.py is not open: its findings arrive without a version.
    flagged = await editor.diagnostics(ORDERS_PY, where=lambda ds: len(_affects(ds)) == 2)
    starts = sorted((d.range.start.line, d.range.start.character) for d in _affects(flagged))
    lines = ORDERS.splitlines()
    assert [lines[line][character:character + 6] for line, character in starts] == ['"cart"'] * 2
    assert editor.latest(ORDERS_PY).version is None

    editor.change(CONTEXTS_PY, renamed.replace('"basket"', '"cart"'))
    editor.save(CONTEXTS_PY)
    await editor.diagnostics(ORDERS_PY, where=lambda ds: not _affects(ds))


async def test_a_file_changed_on_disk_is_rechecked_on_the_watch_event(start_editor, shop) -> None:
    editor = await start_editor(shop)
    await wait_for(lambda: editor.client.registrations, "file watcher registration")
    registration = editor.client.registrations[0]
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    globs = [w["globPattern"] for w in registration.register_options["watchers"]]
    assert "**/*.py" in globs

    (shop / ORDERS_PY).write_text(ORDERS.replace('"current_user"', '"current_usr"'))
    editor.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=editor.uri(ORDERS_PY), type=types.FileChangeType.Changed)]))
    flagged = await editor.diagnostics(ORDERS_PY, where=lambda ds: bool(_affects(ds)))
    assert "current_user" in _affects(flagged)[0].message

    (shop / ORDERS_PY).unlink()
    editor.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=editor.uri(ORDERS_PY), type=types.FileChangeType.Deleted)]))
    assert await editor.diagnostics(ORDERS_PY, where=lambda ds: not ds) == []


async def test_a_client_that_pulls_gets_answers_and_no_pushes(start_editor, shop) -> None:
    editor = await start_editor(shop, pull=True)
    editor.open(ORDERS_PY)
    version = editor.change(ORDERS_PY, ORDERS.replace('affects="cart"', 'affects="cartt"'))
    report = await editor.client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri(ORDERS_PY))))
    assert report.kind == "full"
    assert [d.code for d in report.items if d.code == "mizan-affects"] == ["mizan-affects"]
    assert version == 2  # the pull answered for the changed text, not the opened one

    again = await editor.client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri(ORDERS_PY)),
        previous_result_id=report.result_id))
    assert again.kind == "unchanged" and again.result_id == report.result_id
    assert [p for p in editor.published if p.uri == editor.uri(ORDERS_PY)] == []

    # A cross-file change (a context renamed and saved elsewhere) asks the
    # client to pull again, and the pull has the new finding.
    editor.change(ORDERS_PY, ORDERS)
    editor.open(CONTEXTS_PY)
    report = await editor.client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri(ORDERS_PY))))
    assert [d.code for d in report.items] == []
    assert editor.client.diagnostic_refresh_count == 0
    editor.change(CONTEXTS_PY, editor.texts[CONTEXTS_PY].replace('context="cart"', 'context="bag"'))
    editor.save(CONTEXTS_PY)
    await wait_for(lambda: editor.client.diagnostic_refresh_count > 0, "workspace/diagnostic/refresh")
    report = await editor.client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri(ORDERS_PY))))
    assert [d.code for d in report.items] == ["mizan-affects", "mizan-affects"]


async def test_debounce_from_pyproject_delays_the_analysis(start_editor, tmp_path: Path) -> None:
    from ._workspace import write_workspace

    write_workspace(tmp_path, extra_pyproject="""
        [tool.mizan.lsp]
        debounce_ms = 2500
    """)
    editor = await start_editor(tmp_path, options={})
    editor.open(ORDERS_PY)
    await editor.diagnostics(ORDERS_PY, version=1)  # opening is not debounced
    version = editor.change(ORDERS_PY, ORDERS.replace('"cart"', '"cartt"'))
    await asyncio.sleep(1.0)
    assert editor.latest(ORDERS_PY).version == 1  # still waiting for the typist
    await editor.diagnostics(ORDERS_PY, version=version, where=lambda ds: bool(_affects(ds)))


async def test_a_syntax_error_is_one_diagnostic_and_the_rest_still_checked(start_editor, shop) -> None:
    editor = await start_editor(shop)
    editor.open(ORDERS_PY)
    half = ORDERS.replace("def checkout(request, cart_id: int) -> int:",
                          "def checkout(request, cart_id: int -> int:")
    version = editor.change(ORDERS_PY, textwrap.dedent(half))
    found = await editor.diagnostics(ORDERS_PY, version=version)
    assert [d.code for d in found] == ["mizan-syntax"]
    # The server is alive and the other files are still known.
    editor.open(CONTEXTS_PY)
    await editor.diagnostics(CONTEXTS_PY, version=1)


APPS_PY = "backend/shop/apps.py"
CLIENTS_PY = "backend/shop/clients.py"
DRAFTS_PY = "backend/shop/drafts.py"
APPS = """\
from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "shop"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("shop")
"""
DRAFTS = """\
from mizan_django import client, register


@client
def draft(request) -> int:
    return 0


register(draft, "draft")
"""


def _unreachable(found: list[types.Diagnostic]) -> list[types.Diagnostic]:
    return [d for d in found if d.code == "mizan-unreachable"]


async def test_a_module_the_server_never_imports_is_flagged_until_clients_imports_it(
        start_editor, shop) -> None:
    (shop / APPS_PY).write_text(APPS)
    (shop / CLIENTS_PY).write_text("from shop import contexts, orders  # noqa: F401\n")
    (shop / DRAFTS_PY).write_text(DRAFTS)
    editor = await start_editor(shop)
    editor.open(DRAFTS_PY)
    found = _unreachable(await editor.diagnostics(DRAFTS_PY, version=1))
    assert len(found) == 1 and found[0].source == "mizan"
    assert found[0].severity == types.DiagnosticSeverity.Warning
    assert found[0].range.start == editor.position(DRAFTS_PY, "draft(")
    assert found[0].message.startswith("@client function `draft` is in `shop.drafts`")

    editor.open(CLIENTS_PY)
    editor.change(CLIENTS_PY, "from shop import contexts, drafts, orders  # noqa: F401\n")
    editor.save(CLIENTS_PY)  # other files' findings are refreshed on save
    await editor.diagnostics(DRAFTS_PY, where=lambda ds: not _unreachable(ds))
