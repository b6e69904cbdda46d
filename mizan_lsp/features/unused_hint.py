"""`mizan-unused` (information): a registered function whose generated names
(`callX`, `fetchX`, `useX`, `XArgs`) appear nowhere in the frontend. A hint,
not a warning: scripts, other clients and tests call functions too.

Only with the `frontend_roots` setting. Recomputed after indexing and after
every save or watched-file change (it is a cross-file fact, like the stale
check); a failure is logged and leaves the previous hints.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mizan_core.rules import Diagnostic
from mizan_core.rules.catalogue import UNUSED
from mizan_core.rules.checks import diagnostic

from .._guard import report_failure
from ._frontend import targets_of, tokens
from .references import frontend_sources

if TYPE_CHECKING:
    from ..language_server import MizanLanguageServer
    from ..session import Session

__all__ = ["register"]


def _unused(ls: MizanLanguageServer, session: Session) -> tuple[Diagnostic, ...]:
    snapshot = session.snapshot
    if snapshot is None or not ls.settings.frontend_roots:
        return ()
    targets = targets_of(snapshot)
    seen = {token for _, text in frontend_sources(ls, session) for *_, token in tokens(text)}
    out = []
    for site in snapshot.sites:
        for name in site.registered_names:
            generated = targets.by_key.get(("function", name), ())
            if generated and not seen.intersection(generated):
                out.append(diagnostic(UNUSED, (
                    f"`{name}` is not used by the frontend ({', '.join(generated[:3])} appear in "
                    "no file under the frontend roots); fine if a script or another client "
                    "calls it."), site.file, site.name_span))
    return tuple(sorted(out, key=Diagnostic.sort_key))


def register(server: MizanLanguageServer) -> None:
    def attach(session: Session) -> None:
        async def after_refresh(saved: Path | None) -> None:
            try:
                found = await session.run(_unused, server, session)
            except Exception as exc:  # noqa: BLE001 - a hint must never cost the diagnostics
                report_failure(server, "unused hint", exc)
                return
            if found != session.extra.get("unused", ()):
                before = session.all_files()
                session.extra["unused"] = found
                session.publish_changed(before | session.all_files())

        session.after_refresh.append(after_refresh)

    server.on_session.append(attach)
