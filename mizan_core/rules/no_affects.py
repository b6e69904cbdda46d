"""`mizan-no-affects`: a registered function writes through the ORM but
declares no `affects`, so no client refreshes what the write changed.

The ORM facts come from `mizan_core.extract.writes` (given here as an object
with `writes`/`reads`, so the rules never parse). A context function is left
alone: it is what clients read, and `get_or_create` in a getter is common.
`affects=()` says "this write changes nothing a client shows" and silences it.
The message carries the suggested `affects=`, and `suggested_affects` reads
it back for the language server's quick fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from .catalogue import NO_AFFECTS
from .checks import diagnostic
from .diagnostic import Diagnostic
from .sites import FunctionSite

__all__ = ["OrmFacts", "check_no_affects", "reading_contexts", "suggested_affects"]

_SUGGESTION = re.compile(r"add `(affects=[^`]+)`")


class _Call(Protocol):
    @property
    def method(self) -> str: ...
    @property
    def model(self) -> str | None: ...
    @property
    def text(self) -> str: ...
    @property
    def line(self) -> int: ...


class _Write(Protocol):
    @property
    def call(self) -> _Call: ...
    @property
    def module(self) -> str: ...
    @property
    def via(self) -> tuple[str, ...]: ...


class OrmFacts(Protocol):
    def writes(self, module: str, qualname: str) -> Sequence[_Write]: ...
    def reads(self, module: str, qualname: str) -> frozenset[str]: ...


def check_no_affects(sites: Sequence[FunctionSite], orm: OrmFacts) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for site in sites:
        if not site.functions or site.context is not None or "affects" in site.args:
            continue
        writes = orm.writes(site.module, site.qualname)
        if not writes:
            continue
        first = writes[0]
        models = _models(writes)
        contexts = reading_contexts(models, sites, orm)
        out.append(diagnostic(NO_AFFECTS, _message(site, first, models, contexts),
                              site.file, site.name_span))
    return out


def reading_contexts(models: Iterable[str], sites: Sequence[FunctionSite],
                     orm: OrmFacts) -> list[str]:
    """The contexts whose functions read any of `models`, most shared first
    (a related manager `Cart.items` also counts as its owner `Cart`)."""
    wanted = set(models)
    wanted |= {m.partition(".")[0] for m in wanted}
    scores: dict[str, int] = {}
    for site in sites:
        if not site.functions or site.context is None:
            continue
        read = orm.reads(site.module, site.qualname)
        read = read | {m.partition(".")[0] for m in read}
        shared = len(wanted & read)
        if shared:
            scores[site.context] = scores.get(site.context, 0) + shared
    return sorted(scores, key=lambda c: (-scores[c], c))


def suggested_affects(message: str) -> str | None:
    """The `affects=...` a `mizan-no-affects` message suggests, if any."""
    found = _SUGGESTION.search(message)
    return found.group(1) if found else None


def _models(writes: Sequence[_Write]) -> list[str]:
    return list(dict.fromkeys(w.call.model for w in writes if w.call.model is not None))


def _message(site: FunctionSite, first: _Write, models: list[str], contexts: list[str]) -> str:
    where = f"line {first.call.line}"
    if first.via:
        helper = first.via[-1].replace(":", ".")
        where = f"{where} of {first.module}, in `{helper}` which `{site.qualname}` calls"
    more = f" (and {len(models) - 1} more model(s))" if len(models) > 1 else ""
    touched = f" on {models[0]}{more}" if models else ""
    if contexts:
        value = f'"{contexts[0]}"' if len(contexts) == 1 else \
            "(" + ", ".join(f'"{c}"' for c in contexts) + ")"
        advice = (f"add `affects={value}` (the contexts that read "
                  f"{', '.join(models) or 'the same data'})")
    else:
        advice = "add `affects=` naming the contexts that show this data"
    return (f"`{site.qualname}` writes through the ORM (`{first.call.text}()`{touched}, {where}) "
            f"but declares no `affects`, so clients keep showing stale data; {advice}, or "
            "`affects=()` if no client shows what it changes.")
