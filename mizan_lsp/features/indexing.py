"""Lifecycle: read the configuration on `initialize`, index the workspace in
the background on `initialized` with `$/progress`, watch files.

Indexing never blocks the handshake: requests arriving meanwhile are answered
from what is known (nothing, at first), and diagnostics follow when the index
is complete. A broken configuration is told to the user once and the server
falls back to the workspace folder as the only source root.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types

from mizan_core.config import ConfigError, ProjectConfig, load_config

from .._guard import guarded
from .._paths import uri_to_path, workspace_root
from ..session import Session
from ..settings import merge_settings

if TYPE_CHECKING:
    from ..language_server import MizanLanguageServer

__all__ = ["register"]

log = logging.getLogger("mizan_lsp")

# TypeScript too: a `mizan generate` run in a terminal must clear the stale
# warning (only files under the configured output folder are looked at).
WATCH_GLOBS = ("**/*.py", "**/pyproject.toml", "**/mizan.toml", "**/*.ts", "**/*.tsx")


def _root(params: types.InitializeParams) -> Path:
    return workspace_root([f.uri for f in params.workspace_folders or ()], params.root_uri,
                          params.root_path)


def _config(server: MizanLanguageServer, root: Path) -> ProjectConfig:
    try:
        return load_config(cwd=root)
    except ConfigError as exc:
        server.tell_user(f"{exc}; using {root} as the only source root",
                         types.MessageType.Error)
        return ProjectConfig(root=root, static_paths=(root,))


def _supports_progress(server: MizanLanguageServer) -> bool:
    window = server.client_capabilities.window
    return bool(window and window.work_done_progress)


# Each phase of a build (`ProjectIndex.build`) fills its own band of the
# percentage, so it only grows: finding and hashing the files, then parsing
# the ones that can hold Mizan code (the slow part of a cold start), then
# reading the other files' imports.
_BANDS = {"scanned": (0, 30), "parsed": (30, 90), "searched for imports": (90, 100)}


async def _index(server: MizanLanguageServer, session: Session) -> None:
    token: str | None = None
    if _supports_progress(server):
        token = f"mizan-index-{uuid.uuid4().hex[:8]}"
        try:
            await server.work_done_progress.create_async(token)
        except Exception:  # noqa: BLE001 - the client refused: index silently
            token = None
    if token is not None:
        roots = ", ".join(str(p) for p in session.config.static_paths)
        server.work_done_progress.begin(token, types.WorkDoneProgressBegin(
            title="Mizan: indexing", message=roots, cancellable=False, percentage=0))
    message = "done"
    shown = [-1]

    def report(phase: str, done: int, total: int) -> None:
        low, high = _BANDS.get(phase, (0, 100))
        percentage = low + (high - low) * done // total if total else high
        if token is None or percentage <= shown[0]:
            return  # one report per percent, whatever the number of files
        shown[0] = percentage
        server.work_done_progress.report(token, types.WorkDoneProgressReport(
            message=f"{done} of {total} files {phase}", percentage=percentage))

    try:
        try:
            result = await session.build(report)
            message = f"{len(result.ir.functions)} functions, {len(result.diagnostics)} findings"
        except Exception as exc:
            log.exception("indexing failed")
            message = f"failed: {type(exc).__name__}: {exc}"
            server.tell_user(f"indexing failed: {exc}", types.MessageType.Error)
            session.built.set()  # requests must not wait forever for an index that will not come
            return
        # The index answers requests from here on (an unchanged open at once);
        # it is complete once the facts a warm start left unread are read, so
        # that the first keystroke costs what any other does.
        def reading() -> None:
            if token is not None:
                server.work_done_progress.report(token, types.WorkDoneProgressReport(
                    message="reading the cached facts", percentage=max(shown[0], 95)))

        try:
            await session.preload(reading)
        except Exception:  # the first edit reads the facts itself then
            log.exception("reading the cached facts failed")
    finally:
        if token is not None:
            server.work_done_progress.end(token, types.WorkDoneProgressEnd(message=message))


async def _watch_files(server: MizanLanguageServer) -> None:
    workspace = server.client_capabilities.workspace
    watched = workspace.did_change_watched_files if workspace else None
    if not (watched and watched.dynamic_registration):
        return  # the client watches nothing for us; saves still refresh
    options = types.DidChangeWatchedFilesRegistrationOptions(
        watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCH_GLOBS])
    await server.client_register_capability_async(types.RegistrationParams(registrations=[
        types.Registration(id=f"mizan-watch-{uuid.uuid4().hex[:8]}",
                           method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                           register_options=options)]))


def register(server: MizanLanguageServer) -> None:
    @server.feature(types.INITIALIZE)
    @guarded("initialize")
    def initialize(ls: MizanLanguageServer, params: types.InitializeParams) -> None:
        ls.root = _root(params)
        ls.config = _config(ls, ls.root)
        ls.settings, problems = merge_settings(
            ls.config.extra, params.initialization_options,
            file_name=ls.config.file.name if ls.config.file else "pyproject.toml")
        for problem in problems:
            ls.tell_user(problem)

    @server.feature(types.INITIALIZED)
    @guarded("initialized")
    async def initialized(ls: MizanLanguageServer, params: types.InitializedParams) -> None:
        from .diagnostics import publisher

        assert ls.config is not None
        early, ls.early = ls.early, None
        if early is not None and early.config == ls.config:
            early.settings, early.publish, early.trace = ls.settings, publisher(ls), ls.trace
            ls.session = early
        else:
            if early is not None:  # not the workspace the handshake settled on
                early.close()
            ls.session = Session(ls.config, ls.settings, publisher(ls), trace=ls.trace)
        for hook in ls.on_session:
            hook(ls.session)
        asyncio.ensure_future(_index(ls, ls.session))
        try:
            await _watch_files(ls)
        except Exception as exc:  # noqa: BLE001 - registration is a nicety; saves still refresh
            log.warning("could not register file watchers: %s", exc)

    shut_down = False

    @server.feature(types.SHUTDOWN)
    @guarded("shutdown")
    def shutdown(ls: MizanLanguageServer, params: None) -> None:
        nonlocal shut_down
        shut_down = True
        for session in (ls.session, ls.early):  # early: shut down before `initialized`
            if session is not None:
                session.close()

    @server.feature(types.EXIT)
    @guarded("exit")
    def exit_now(ls: MizanLanguageServer, params: None) -> None:
        # The analysis of a large buffer may still be running on the index
        # thread, and a normal interpreter exit joins that thread (libcst
        # takes tens of seconds near the size bound). A daemon thread is no
        # way out: finalization stops it inside libcst's native code, and
        # the process aborts. So the process ends here, at once: every reply
        # is already on stdout (pygls flushes each message), and nothing is
        # left half written (the facts cache is replaced atomically).
        for session in (ls.session, ls.early):
            if session is not None:
                session.close()
        logging.shutdown()
        sys.stderr.flush()
        os._exit(0 if shut_down else 1)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @guarded("didChangeWatchedFiles")
    async def watched(ls: MizanLanguageServer, params: types.DidChangeWatchedFilesParams) -> None:
        if ls.session is None:
            return
        changed: list[Path] = []
        deleted: list[Path] = []
        output = ls.session.config.output
        for event in params.changes:
            path = uri_to_path(event.uri)
            if path is None or (path.suffix in (".ts", ".tsx") and output not in path.parents):
                continue
            (deleted if event.type == types.FileChangeType.Deleted else changed).append(path)
        if not changed and not deleted:
            return
        if any(p.name in ("pyproject.toml", "mizan.toml") for p in changed + deleted):
            ls.tell_user("the Mizan configuration changed: restart the language server to apply it",
                         types.MessageType.Info)
        await ls.session.files_changed(changed, deleted)
