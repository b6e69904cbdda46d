"""A code lens over each registered @client function: how many times the
frontend uses its generated names ("3 uses in the frontend"); find-references
lists them. Only with the `frontend_roots` setting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from .._guard import guarded
from ._frontend import targets_of, tokens
from ._lookup import span_range
from .references import frontend_sources, python_with_frontend

if TYPE_CHECKING:
    from ..language_server import MizanLanguageServer

__all__ = ["register"]


def register(server: MizanLanguageServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_CODE_LENS)
    @guarded("codeLens", list)
    async def code_lens(ls: MizanLanguageServer, params: types.CodeLensParams
                        ) -> list[types.CodeLens]:
        ready = await python_with_frontend(ls, params.text_document.uri)
        if ready is None:
            return []
        session, path, snapshot = ready
        sites = [s for s in snapshot.sites if s.path == str(path) and s.registered_names]
        if not sites:
            return []
        targets = targets_of(snapshot)

        def count() -> dict[str, int]:
            counts: dict[str, int] = {}
            for _, text in frontend_sources(ls, session):
                for *_, token in tokens(text):
                    counts[token] = counts.get(token, 0) + 1
            return counts

        counts = await session.run(count)
        lenses = []
        for site in sites:
            generated = {n for name in site.registered_names
                         for n in targets.by_key.get(("function", name), ())}
            total = sum(counts.get(n, 0) for n in generated)
            title = f"{total} use{'' if total == 1 else 's'} in the frontend"
            lenses.append(types.CodeLens(range=span_range(site.name_span),
                                         command=types.Command(title=title, command="")))
        return lenses
