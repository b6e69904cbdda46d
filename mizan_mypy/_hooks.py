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
    RefExpr,
    TupleExpr,
)
from mypy.plugin import CheckerPluginInterface, FunctionContext, MethodContext
from mypy.types import AnyType, CallableType, Type, TypeOfAny, get_proper_type

from mizan_core.rules import Diagnostic, catalogue

from ._project import ProjectFacts
from ._report import Span, inside, report, span_of
from ._types import find_not_json
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
    functions = [t for t in targets if isinstance(t, RefExpr)]
    # mypy resolves a function target through any alias or re-export: its
    # verdict replaces the index's for those ranges.
    _report_index(project, api, span_of(call), skip=[span_of(t) for t in functions])
    for target in functions:
        _check_affects_function(project, api, target)


def _affects_items(expr: Expression) -> list[Expression]:
    if isinstance(expr, (ListExpr, TupleExpr)):
        return list(expr.items)
    return [expr]


def _check_affects_function(project: ProjectFacts, api: CheckerPluginInterface,
                            target: RefExpr) -> None:
    fullname = target.fullname
    module = fullname.rpartition(".")[0]
    if not fullname or not project.knows_module(module):
        return  # defined outside the source roots: nothing to compare with
    if project.registered.get(fullname):
        return
    api.fail(affects_function_message(target.name, fullname,
                                      is_client=fullname in project.registered),
             target, code=AFFECTS)


def affects_function_message(written: str, fullname: str, *, is_client: bool) -> str:
    if is_client:
        return (f"affects target `{written}` ({fullname}) is a @client function that is never "
                f"registered; register it, or name a context instead")
    return (f"affects target `{written}` ({fullname}) is not a @client function; decorate it "
            f"with @client and register it, or name a context instead")


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
        if _unannotated(typ) or _reported_on(already, argument.line):
            continue
        found = find_not_json(typ, allow_response=False)
        if found is not None:
            where = argument.type_annotation or argument
            api.fail(unserializable_message(f"parameter `{argument.variable.name}`", func.name,
                                            found.what, found.type_name),
                     where, code=UNSERIALIZABLE)
    returns = signature.ret_type
    if _unannotated(returns) or _reported_on(already, _return_line(func)):
        return
    found = find_not_json(returns, allow_response=True)
    if found is not None:
        where = func.unanalyzed_type.ret_type if isinstance(
            func.unanalyzed_type, CallableType) else func
        api.fail(unserializable_message("the return type", func.name, found.what,
                                        found.type_name),
                 _positioned(where, func), code=UNSERIALIZABLE)


def unserializable_message(what: str, function: str, kind: str, type_name: str) -> str:
    return (f"{what} of `{function}` is {kind} (`{type_name}`), which cannot cross JSON; "
            f"use a pydantic model or a JSON type instead")


def _unannotated(typ: Type) -> bool:
    proper = get_proper_type(typ)
    return isinstance(proper, AnyType) and proper.type_of_any == TypeOfAny.unannotated


def _reported_on(diagnostics: Iterable[Diagnostic], line: int) -> bool:
    return any(d.line <= line <= d.end_line for d in diagnostics)


def _return_line(func: FuncDef) -> int:
    ret = func.unanalyzed_type.ret_type if isinstance(func.unanalyzed_type, CallableType) else None
    return ret.line if ret is not None and ret.line > 0 else func.line


def _at(span: Span) -> Context:
    return Context(line=span[0], column=span[1] - 1)


def _positioned(candidate: Context, fallback: Context) -> Context:
    return candidate if candidate.line > 0 else fallback


# --- the index's findings ------------------------------------------------------------------


def _report_index(project: ProjectFacts, api: CheckerPluginInterface, span: Span,
                  skip: Sequence[Span] = ()) -> list[Diagnostic]:
    """Report the index's findings inside `span` (but not inside `skip`); return them."""
    if project.error is not None:
        api.fail(project.error, _at(span))
        return []
    found = [d for d in project.for_file(api.path)
             if inside(d, span) and not any(inside(d, s) for s in skip)]
    for diagnostic in found:
        report(api, diagnostic)
    return found
