"""TypeScript sync: the generated client on disk against what the source
generates now.

- after indexing and after every save (or watched-file event) the stale
  check runs; a stale output is a `mizan-stale` warning on the generated file;
- the `mizan.generate` command (the quick fix of `mizan-stale`, also callable
  from the editor's command palette) rewrites the output;
- with `regenerate_on_save`, every save of a Python file regenerates.

Both use the snapshot's IR (open buffers included) and run on the index
thread, in order with the analyses. The Django source (`[source.django]`) is
never asked: the server does not run project code. Until the output folder
exists (nothing generated yet) there is no stale warning: a project that does
not use the TypeScript client yet is not nagged about it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from mizan_core.codegen import check_stale, generate
from mizan_core.rules import Diagnostic
from mizan_core.rules.catalogue import SYNTAX

from .._guard import report_failure

if TYPE_CHECKING:
    from mizan_core.extract import IndexResult

    from ..language_server import MizanLanguageServer
    from ..session import Session

__all__ = ["GENERATE_COMMAND", "register"]

log = logging.getLogger("mizan_lsp")

GENERATE_COMMAND = "mizan.generate"


async def refresh_stale(session: Session) -> None:
    snapshot = session.snapshot
    if snapshot is None:
        return
    found: tuple[Diagnostic, ...] = ()
    if not _parses(snapshot):
        # The IR lacks what the broken file declares: every output file would differ.
        session.trace("TypeScript output not checked: a file has a syntax error")
    elif session.config.output.is_dir():
        found = tuple(await session.run(check_stale, session.config, snapshot.ir))
        session.trace(f"TypeScript output checked: {len(found)} stale files")
    else:
        session.trace("TypeScript output checked: nothing generated yet")
    if found != session.extra.get("stale", ()):
        before = session.all_files()
        session.extra["stale"] = found
        session.publish_changed(before | session.all_files())


async def regenerate(session: Session) -> list[str]:
    """Write the output from the current snapshot; the names of changed files."""
    snapshot = session.snapshot
    if snapshot is None:
        return []
    result = await session.run(generate, snapshot.ir, session.config.output)
    await refresh_stale(session)
    return sorted(result.written + result.deleted)


def _parses(snapshot: IndexResult) -> bool:
    return not any(d.code == SYNTAX for d in snapshot.diagnostics)


def register(server: MizanLanguageServer) -> None:
    def attach(session: Session) -> None:
        async def after_refresh(saved: Path | None) -> None:
            if saved is not None and saved.suffix == ".py" and server.settings.regenerate_on_save \
                    and session.snapshot is not None and _parses(session.snapshot):
                await regenerate(session)
            else:
                await refresh_stale(session)

        session.after_refresh.append(after_refresh)

    server.on_session.append(attach)

    @server.command(GENERATE_COMMAND)
    async def generate_command(ls: MizanLanguageServer, *args: Any) -> list[str]:
        # Not `guarded`: commands take the client's arguments, not one params object.
        if ls.session is None:
            return []
        try:
            await ls.session.built.wait()
            written = await regenerate(ls.session)
        except Exception as exc:  # noqa: BLE001 - reported to the user, never a dead server
            report_failure(ls, GENERATE_COMMAND, exc)
            ls.tell_user(f"generating the TypeScript failed: {exc}", types.MessageType.Error)
            return []
        ls.window_show_message(types.ShowMessageParams(
            type=types.MessageType.Info,
            message=f"mizan: TypeScript client regenerated ({len(written)} files written)"))
        return written
