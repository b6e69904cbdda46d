"""The runtime IR: what the live registry serves, as ``mizan_core.ir`` nodes.

``manage.py export_mizan_ir`` prints it; the pipeline reads the invalidation
graph from it. It must equal the static extractor's IR byte for byte, so
everything a source reader could not know stays out: the location is the
module's file relative to its source root and ``co_firstlineno`` (the first
decorator line), types come from the annotations (resolved one by one, ``_hints``),
defaults only when they are JSON-native, and the final shape comes from
``mizan_core.ir.assemble()``, shared with the extractor.

Forms and channels plug in through :func:`collect_parts`: a class
that claimed a registry name of kind ``form`` or ``channel`` and defines
``__mizan_ir__(types: TypeCollector) -> Form | Channel`` is exported.
"""

from __future__ import annotations

import inspect
from typing import Any

from django.http import HttpResponseBase

from mizan_core.client import ServerFunction
from mizan_core.ir import (
    Affect,
    Channel,
    Form,
    Function,
    Param,
    Primitive,
    ProjectIR,
    assemble,
)
from mizan_core.ir.declarations import auth_rule, function_affects
from mizan_core.registry import Registry, default_registry
from mizan_django._hints import UnresolvedAnnotations, function_hints
from mizan_django._source import function_location
from mizan_django._types import TypeCollector, json_default, own_doc
from mizan_django.forms import form_of

__all__ = ["collect_parts", "export_function", "is_view_path", "runtime_ir", "served_type_hints",
           "type_hints"]

def type_hints(fn: ServerFunction[..., Any]) -> dict[str, Any]:
    """The annotations of a server function, each resolved on its own
    (``_hints``); in one that cannot be resolved, each name bound nowhere is
    ``unknown`` in the IR (else the whole annotation is), as the static
    extractor reads it."""
    hints = function_hints(fn.func)
    spelled = {name: text for name, (text, _) in hints.unresolved.items()}
    return {**hints.types, **spelled, **hints.partial}


def served_type_hints(name: str, fn: ServerFunction[..., Any]) -> dict[str, Any]:
    """The annotations a served function is validated and serialised with;
    raises ``UnresolvedAnnotations`` rather than serve one unvalidated."""
    hints = function_hints(fn.func)
    if hints.unresolved:
        raise UnresolvedAnnotations(name, fn.func.__qualname__, hints.unresolved)
    return hints.types


def is_view_path(returns: Any) -> bool:
    """True when the function is annotated to return an ``HttpResponseBase``."""
    return isinstance(returns, type) and issubclass(returns, HttpResponseBase)


def _affects(target: object) -> tuple[Affect, ...]:
    """A context name as given (``assemble`` resolves it); a function object by
    the public names it is registered under, nothing when it has none (its
    Python name may be another function's public name: ``mizan-affects``)."""
    if isinstance(target, ServerFunction):
        return function_affects(target.registered_names)
    return (Affect(str(target), "context"),)


def export_function(name: str, fn: ServerFunction[..., Any], types: TypeCollector) -> Function:
    hints = type_hints(fn)
    params: list[Param] = []
    for parameter in inspect.signature(fn.func).parameters.values():
        if parameter.name == "request" or parameter.kind in (
            parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD
        ):
            continue
        annotation = hints.get(parameter.name, Any)
        if parameter.default is parameter.empty:
            params.append(Param(parameter.name, types.to_ir(annotation)))
        else:
            params.append(Param(parameter.name, types.to_ir(annotation), required=False,
                                default=json_default(parameter.default)))
    returns = hints.get("return", Any)
    view_path = is_view_path(returns)
    meta = fn.meta
    return Function(
        name=name,
        module=fn.func.__module__,
        qualname=fn.func.__qualname__,
        params=tuple(params),
        returns=Primitive("any") if view_path else types.to_ir(returns),
        context=meta.context,
        affects=tuple(a for t in meta.affects for a in _affects(t)),
        auth=auth_rule(meta.auth) or "none",
        websocket=meta.websocket,
        route=meta.route,
        rev=meta.rev,
        view_path=view_path,
        doc=own_doc(fn.func),
        location=function_location(fn.func),
    )


def collect_parts(registry: Registry, types: TypeCollector) -> tuple[list[Form], list[Channel]]:
    """Forms and channels whose classes know how to describe themselves."""
    forms: list[Form] = []
    channels: list[Channel] = []
    seen: set[int] = set()
    for entry in registry.entries():
        if entry.kind == "function" or id(entry.target) in seen:
            continue
        seen.add(id(entry.target))
        describe = getattr(entry.target, "__mizan_ir__", None)
        if describe is None:
            continue
        part = describe(types)
        (forms if isinstance(part, Form) else channels).append(part)
    return forms, channels


def runtime_ir(registry: Registry | None = None) -> ProjectIR:
    """The IR of everything ``registry`` (default: the process-wide one) serves."""
    registry = default_registry if registry is None else registry
    types = TypeCollector()
    # A form's <name>.schema/.validate/.submit are described by its ir.Form, not as functions.
    functions = [export_function(name, fn, types) for name, fn in registry.items()
                 if form_of(fn) is None]
    forms, channels = collect_parts(registry, types)
    return assemble(functions, types.models.values(), types.enums.values(), forms, channels)
