"""The checks behind each hook; one small function per kind of finding.

Three places in a module carry Mizan declarations, and each hook reports the
findings that lie inside its own node, so no finding is reported twice and
no state passes between hooks:

- `client(...)` (function hook on the call): the decorator's arguments;
- the decorated function (method hook on `ClientDecorator.__call__`, or the
  function hook of a bare `@client`, where the function is the argument);
- `register(fn, "name")` (function hook, or `Registry.register`).

The findings come from the static index (same messages and ranges as
`mizan check`), refined by what only mypy knows: the fullname behind an
aliased `affects=` function, and types that cannot cross JSON however they
are spelled (`_types.find_not_json`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from mypy.nodes import (
    ARG_POS,
    CallExpr,
    Context,
    Decorator,
    Expression,
    FuncDef,
    ListExpr,
    MemberExpr,
    NameExpr,
    TupleExpr,
)
from mypy.plugin import CheckerPluginInterface, FunctionContext, MethodContext
from mypy.types import CallableType, Type, get_proper_type

from mizan_core.rules import Diagnostic, catalogue, typed

from ._project import ProjectFacts
from ._report import Span, inside, report, span_of
from ._types import NotJson, find_not_json
from .errorcodes import AFFECTS, UNSERIALIZABLE

__all__ = ["CLIENT", "CLIENT_DECORATOR_CALL", "REGISTER", "REGISTRY_REGISTER",
           "on_client_call", "on_decorated", "on_register"]

CLIENT = "mizan_core.client.client"
CLIENT_DECORATOR_CALL = "mizan_core.client.ClientDecorator.__call__"
REGISTER = "mizan_core.registry.register"
REGISTRY_REGISTER = "mizan_core.registry.Registry.register"

Facts = Callable[[], ProjectFacts]


def on_client_call(facts: Facts, ctx: FunctionContext) -> Type:
    """`client(...)` or, for a bare `@client`, the decorated function."""
    if isinstance(ctx.context, Decorator):
        _check_function(facts(), ctx.api, ctx.context, ctx.arg_types)
    elif isinstance(ctx.context, CallExpr):
        _check_arguments(facts(), ctx.api, ctx.context, ctx.callee_arg_names, ctx.args)
    return ctx.default_return_type


def on_decorated(facts: Facts, ctx: MethodContext) -> Type:
    """`ClientDecorator.__call__`: the function under `@client(...)`."""
    if isinstance(ctx.context, Decorator):
        _check_function(facts(), ctx.api, ctx.context, ctx.arg_types)
    return ctx.default_return_type


def on_register(facts: Facts, ctx: FunctionContext | MethodContext) -> Type:
    _report_index(facts(), ctx.api, span_of(ctx.context))
    return ctx.default_return_type


# --- the decorator's arguments ---------------------------------------------------------


def _check_arguments(project: ProjectFacts, api: CheckerPluginInterface, call: CallExpr,
                     names: list[str | None], args: list[list[Expression]]) -> None:
    targets = [target for formal, actuals in zip(names, args) if formal == "affects"
               for actual in actuals for target in _affects_items(actual)]
    functions = [t for t in targets if isinstance(t, (NameExpr, MemberExpr))]
    # mypy resolves a function target through any alias or re-export: it
    # decides those ranges, the index the rest of the call.
    spans = [span_of(t) for t in functions]
    _report_index(project, api, span_of(call), skip=spans)
    for target, span in zip(functions, spans):
        from_index = [d for d in project.for_file(api.path) if inside(d, span)]
        _check_affects_function(project, api, target, from_index)


def _affects_items(expr: Expression) -> list[Expression]:
    if isinstance(expr, (ListExpr, TupleExpr)):
        return list(expr.items)
    return [expr]


def _check_affects_function(project: ProjectFacts, api: CheckerPluginInterface,
                            target: NameExpr | MemberExpr,
                            from_index: list[Diagnostic]) -> None:
    """mypy's verdict on a function given to `affects=`, through any alias.

    The index's finding at the same range is kept when mypy agrees, dropped
    when mypy sees a registered @client function the index could not follow.
    """
    fullname = target.fullname
    if not fullname or not project.knows_module(fullname.rpartition(".")[0]):
        for diagnostic in from_index:  # outside the roots: only the index can say
            report(api, diagnostic)
        return
    if project.registered.get(fullname):
        return
    if from_index:
        for diagnostic in from_index:
            report(api, diagnostic)
        return
    message = (typed.affects_never_registered(target.name) if fullname in project.registered
               else typed.affects_not_client(target.name))
    api.fail(message, target, code=AFFECTS)


# --- the decorated function -------------------------------------------------------------


def _check_function(project: ProjectFacts, api: CheckerPluginInterface, node: Decorator,
                    arg_types: list[list[Type]]) -> None:
    func = node.func
    first = min((d.line for d in node.original_decorators), default=func.line)
    span: Span = (first, 1, func.end_line or func.line, 10**6)
    calls = [span_of(d) for d in node.original_decorators if isinstance(d, CallExpr)]
    own = _report_index(project, api, span, skip=calls)
    signature = next((get_proper_type(t) for group in arg_types for t in group), None)
    if isinstance(signature, CallableType):
        already = [d for d in own if d.code == catalogue.UNSERIALIZABLE]
        _check_json_types(api, func, signature, already)


def _check_json_types(api: CheckerPluginInterface, func: FuncDef, signature: CallableType,
                      already: list[Diagnostic]) -> None:
    for index, (argument, typ) in enumerate(zip(func.arguments, signature.arg_types)):
        if index == 0 and signature.arg_kinds[0] == ARG_POS:
            continue  # the request
        annotation = argument.type_annotation
        if annotation is None or _reported_on(already, annotation.line):
            continue
        found = find_not_json(typ, allow_response=False)
        if found is not None:
            api.fail(_unserializable(annotation, found), annotation,
                     code=UNSERIALIZABLE)
    written = func.unanalyzed_type.ret_type if isinstance(func.unanalyzed_type,
                                                          CallableType) else None
    if written is None or written.line < 1 or _reported_on(already, written.line):
        return
    found = find_not_json(signature.ret_type, allow_response=True)
    if found is not None:
        api.fail(_unserializable(written, found), written, code=UNSERIALIZABLE)


def _unserializable(annotation: Type, found: NotJson) -> str:
    # mypy marks unanalysed names with "?": `Optional?[Upload?]`.
    spelling = str(annotation).replace("?", "")
    return typed.unserializable_resolved(spelling, found.what, found.type_name)


def _reported_on(diagnostics: Iterable[Diagnostic], line: int) -> bool:
    return any(d.line <= line <= d.end_line for d in diagnostics)


def _at(span: Span) -> Context:
    return Context(line=span[0], column=span[1] - 1)


# --- the index's findings ------------------------------------------------------------------


def _report_index(project: ProjectFacts, api: CheckerPluginInterface, span: Span,
                  skip: Sequence[Span] = ()) -> list[Diagnostic]:
    """Report the index's findings inside `span` (but not inside `skip`); return them."""
    if project.error is not None:
        api.fail(project.error, _at(span))
        return []
    # A file Mizan refused to read has no spans to look in: its one finding is
    # reported wherever a hook fires (mypy drops the repeats).
    found = [d for d in project.for_file(api.path)
             if d.code == catalogue.SYNTAX
             or (inside(d, span) and not any(inside(d, s) for s in skip))]
    for diagnostic in found:
        report(api, diagnostic)
    return found
