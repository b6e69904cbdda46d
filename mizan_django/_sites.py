"""The live registry as the catalogue's checks see source: one `FunctionSite`
per served function, so the Django system checks run `mizan_core.rules.checks`
themselves and report the same findings, codes and sentences as `mizan check`.

What only source knows is approximated from the objects: a finding points at
the function's first line (no columns), an annotation is spelt as Python
prints it, a string `affects=` target as a JSON string.
"""

from __future__ import annotations

import inspect
import json
from typing import Any

from mizan_core.client import ServerFunction
from mizan_core.ir import Function, ProjectIR
from mizan_core.ir.declarations import auth_rule
from mizan_core.registry import Registry
from mizan_core.rules.sites import AffectsSite, ArgSite, FunctionSite, ParamSite, Span
from mizan_django._source import function_location
from mizan_django.forms import form_of

__all__ = ["registry_sites"]

_KINDS = {inspect.Parameter.POSITIONAL_ONLY: "positional",
          inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional",
          inspect.Parameter.KEYWORD_ONLY: "keyword",
          inspect.Parameter.VAR_POSITIONAL: "varargs",
          inspect.Parameter.VAR_KEYWORD: "varkw"}


def _spelling(annotation: Any) -> str | None:
    if annotation is inspect.Parameter.empty:
        return None
    return annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)


def _affects(target: object, span: Span) -> AffectsSite:
    if isinstance(target, ServerFunction):
        names = target.registered_names
        return AffectsSite(names[0] if names else None, "function", target.__name__, span,
                           target.qualified_name)
    return AffectsSite(str(target), "context", json.dumps(target), span)


def _site(fn: ServerFunction[..., Any], functions: tuple[Function, ...]) -> FunctionSite:
    location = function_location(fn.func)
    span = Span(location.line, 1, location.line, 1)
    wire = {p.name: p.type for f in functions[:1] for p in f.params}
    signature = inspect.signature(fn.func)
    params = tuple(
        ParamSite(p.name, span, _KINDS[p.kind], _spelling(p.annotation),
                  None if p.annotation is p.empty else span, wire.get(p.name),
                  p.default is not p.empty)
        for p in signature.parameters.values())
    returns = _spelling(signature.return_annotation)
    meta = fn.meta
    args = {} if meta.route is None else {"route": ArgSite(repr(meta.route), span)}
    view_path = bool(functions) and functions[0].view_path
    return FunctionSite(
        module=fn.func.__module__, qualname=fn.func.__qualname__, file=location.file,
        path=inspect.getsourcefile(fn.func) or "", name_span=span, decorator_span=span,
        params=params, params_span=span,
        returns=functions[0].returns if functions else None, returns_text=returns,
        returns_span=None if returns is None else span, args=args, context=meta.context,
        affects=tuple(_affects(t, span) for t in meta.affects), auth=auth_rule(meta.auth),
        rev=meta.rev, route=meta.route, view_path=view_path, functions=functions)


def registry_sites(registry: Registry, ir: ProjectIR) -> list[FunctionSite]:
    """A site per registered function (once, however many names it has), with
    the IR functions of its names."""
    by_function: dict[int, tuple[ServerFunction[..., Any], list[Function]]] = {}
    for name, fn in registry.items():
        if form_of(fn) is not None:
            continue  # a form's own actions: the form is checked as a form
        found = ir.function(name)
        entry = by_function.setdefault(id(fn), (fn, []))
        if found is not None:
            entry[1].append(found)
    return [_site(fn, tuple(functions)) for fn, functions in by_function.values()]
