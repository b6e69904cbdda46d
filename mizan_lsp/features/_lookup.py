"""Finding things in a snapshot by editor position, and back.

The extractor records where every @client function and every `affects=`
item is (`FunctionSite`, `AffectsSite` in `mizan_core.rules.sites`, 1-based
spans); these helpers only compare positions, they never parse.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from mizan_core.extract import IndexResult
from mizan_core.ir import Function, ProjectIR
from mizan_core.ir.declarations import target_kind
from mizan_core.rules.sites import AffectsSite, FunctionSite, Span

from .._convert import lsp_range

__all__ = ["affects_site_at", "resolve_target", "site_at", "sites_of", "span_range"]


def span_range(span: Span) -> types.Range:
    return lsp_range(*span)


def _contains(span: Span, line: int, character: int) -> bool:
    """`line`/`character` are LSP's (0-based); the span is 1-based, end exclusive
    (the position just after the end still counts: the cursor sits there)."""
    here = (line + 1, character + 1)
    return (span.line, span.column) <= here <= (span.end_line, span.end_column)


def _in_file(snapshot: IndexResult, path: Path) -> list[FunctionSite]:
    return [s for s in snapshot.sites if Path(s.path) == path]


def site_at(snapshot: IndexResult, path: Path, line: int, character: int) -> FunctionSite | None:
    """The @client function whose name, or decorator lines, are under the cursor."""
    for site in _in_file(snapshot, path):
        if _contains(site.name_span, line, character):
            return site
        if site.decorator_span.line <= line + 1 < site.name_span.line:
            return site
    return None


def affects_site_at(snapshot: IndexResult, path: Path, line: int, character: int
                    ) -> AffectsSite | None:
    for site in _in_file(snapshot, path):
        for item in site.affects:
            if _contains(item.span, line, character):
                return item
    return None


def sites_of(snapshot: IndexResult, functions: list[Function]) -> list[FunctionSite]:
    """The sites that define `functions`, in the order given."""
    by_name = {name: site for site in snapshot.sites for name in site.registered_names}
    return [by_name[fn.name] for fn in functions if fn.name in by_name]


def resolve_target(ir: ProjectIR, name: str) -> tuple[str, list[Function]]:
    """What an affects name means: ("context", its functions), ("function",
    [fn]), or ("", []) when it names nothing (a context wins over a function
    of the same name: `declarations.target_kind`, the extractor's rule)."""
    kind = target_kind(name, {c.name for c in ir.contexts}, {f.name for f in ir.functions})
    if kind == "context":
        ctx = ir.context(name)
        assert ctx is not None
        return "context", [fn for fn in (ir.function(n) for n in ctx.functions) if fn is not None]
    fn = ir.function(name) if kind == "function" else None
    return ("function", [fn]) if fn is not None else ("", [])
