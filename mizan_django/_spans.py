"""The exact source spans of what the system checks report, read from the files
the way the static extractor reads them, so `manage.py check` names the line
`mizan check` names (the `affects=` item, the parameter, the annotation).

The live objects know only the first line of a function or class; the checks
ask for these spans only once they have a finding, so a clean project parses
nothing. A file that cannot be read (no source, a frozen module) keeps the
first-line spans.
"""

from __future__ import annotations

import dataclasses
import sys
import tokenize
from pathlib import Path

from mizan_core.extract.facts import (
    CallX,
    ConstX,
    Expr,
    FuncDecl,
    ModuleFacts,
    NameX,
    ParamDecl,
    SeqX,
)
from mizan_core.extract.module import read_module
from mizan_core.rules.sites import FunctionSite, ParamSite, Span

__all__ = ["SourceSpans"]


class SourceSpans:
    """Each module's facts, read once per check run."""

    def __init__(self) -> None:
        self._facts: dict[str, ModuleFacts | None] = {}

    def _of(self, module: str, path: str | None) -> ModuleFacts | None:
        if module not in self._facts:
            facts = None
            if path is None:
                path = getattr(sys.modules.get(module), "__file__", None)
            try:
                if path is not None and path.endswith(".py"):
                    # As Python read it: the PEP 263 declaration (or UTF-8) decides.
                    with tokenize.open(path) as source:
                        text = source.read()
                    facts = read_module(text, module, is_package=Path(path).name == "__init__.py")
            except (OSError, UnicodeDecodeError, SyntaxError):  # SyntaxError: a bad declaration
                facts = None
            self._facts[module] = facts
        return self._facts[module]

    def function(self, site: FunctionSite) -> FunctionSite:
        """``site`` with the spans of its source; unchanged when the source cannot be read."""
        facts = self._of(site.module, site.path or None)
        fn = facts.functions.get(site.qualname) if facts is not None else None
        deco = _client_decorator(fn, facts) if fn is not None and facts is not None else None
        if fn is None or deco is None:
            return site
        call = deco if isinstance(deco, CallX) else None
        written = {p.name: p for p in fn.params}
        params = tuple(_param(p, written.get(p.name)) for p in site.params)
        kwargs = dict(call.kwargs) if call is not None else {}
        args = {key: dataclasses.replace(arg, span=kwargs[key].span) if key in kwargs else arg
                for key, arg in site.args.items()}
        spans = [item.span for item in _affects_items(kwargs.get("affects"))]
        affects = site.affects
        if len(spans) == len(affects):
            affects = tuple(dataclasses.replace(a, span=span) for a, span in zip(affects, spans))
        return dataclasses.replace(
            site, name_span=fn.span, decorator_span=deco.span, params=params,
            params_span=fn.params_span, args=args, affects=affects,
            returns_span=site.returns_span if fn.returns is None or site.returns_span is None
            else fn.returns.span)

    def form_affects(self, module: str, qualname: str) -> dict[str, Span]:
        """Each context name a form's ``mizanFormMeta(affects=...)`` spells as a
        string, with the span of its first spelling."""
        facts = self._of(module, None)
        decl = facts.classes.get(qualname) if facts is not None else None
        meta = next((s.value for s in decl.body if s.name == "mizan"), None) if decl else None
        found: dict[str, Span] = {}
        for item in _affects_items(meta.kwarg("affects") if isinstance(meta, CallX) else None):
            if isinstance(item, ConstX) and isinstance(item.value, str):
                found.setdefault(item.value, item.span)
        return found


def _param(site: ParamSite, decl: ParamDecl | None) -> ParamSite:
    if decl is None:
        return site
    annotation = site.annotation_span
    if annotation is not None and decl.annotation is not None:
        annotation = decl.annotation.span
    return dataclasses.replace(site, span=decl.span, annotation_span=annotation)


def _client_decorator(fn: FuncDecl, facts: ModuleFacts) -> Expr | None:
    """The ``@client`` among the decorators: the one whose name, through the
    module's imports, ends in ``client``; the only one when there is one."""
    for deco in fn.decorators:
        head = deco.func if isinstance(deco, CallX) else deco
        if isinstance(head, NameX):
            full = facts.imports.expand(head.dotted) or head.dotted
            if full.rsplit(".", 1)[-1] == "client":
                return deco
    return fn.decorators[0] if len(fn.decorators) == 1 else None


def _affects_items(expr: Expr | None) -> tuple[Expr, ...]:
    if expr is None:
        return ()
    return expr.items if isinstance(expr, SeqX) and expr.kind in ("list", "tuple") else (expr,)
