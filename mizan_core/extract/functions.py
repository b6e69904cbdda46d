"""One `@client` function in source -> its `FunctionSite` and IR template.

The IR `Function` is built with an empty public name: the project index
gives it one per `register(fn, "name")` call, because registration may
happen in another module. What `@client(...)` was told is read the way the
runtime decorator reads it (mizan_core.client), so both producers agree:

- `auth`: absent/False/None -> "none", True -> "authenticated", "staff",
  "superuser", any callable (lambda, function name, call) -> "custom";
  anything else is invalid (mizan-auth) and exported as "none";
- `rev`: a positive integer literal, default 1 (invalid -> mizan-rev, exported as 1);
- `affects`: a string -> a context target (assemble() resolves it to a
  function when no context has that name); a function object, however
  imported -> that function's registered public name(s);
- a return annotation naming `HttpResponse` or any `HttpResponseBase`
  subclass makes a view-path function: `view_path=True`, `returns=any`.
"""

from __future__ import annotations

from dataclasses import dataclass

from mizan_core.ir import Affect, Function, Location, Param, Primitive, TypeRef, location_file
from mizan_core.ir.declarations import auth_rule, function_affects
from mizan_core.ir.model import AuthRule
from mizan_core.rules.sites import AffectsSite, ArgSite, FunctionSite, ParamSite

from ._symbols import Target
from .facts import CallX, ConstX, Expr, FuncDecl, ModuleFacts, NameX, OtherX, SeqX
from .types import Issue, TypeResolver

__all__ = ["ClientUnit", "affects_ir", "read_affects", "read_client"]

ANY = Primitive("any")


@dataclass(frozen=True, slots=True)
class ClientUnit:
    """A @client function before registration: the site, the IR template (its
    name empty), the function objects its `affects` names (by `module.qualname`)
    and the type issues found in its signature."""

    site: FunctionSite
    template: Function
    issues: tuple[Issue, ...]


def read_client(fn: FuncDecl, call: CallX | None, decorator: Expr, facts: ModuleFacts,
                resolver: TypeResolver, file: str, path: str) -> ClientUnit:
    issues: list[Issue] = []
    args = {key: ArgSite(value.text, value.span) for key, value in (call.kwargs if call else ())}
    kw = dict(call.kwargs) if call else {}

    params: list[ParamSite] = []
    wire: list[Param] = []
    for index, p in enumerate(fn.params):
        type_: TypeRef | None = None
        if p.annotation is not None and index > 0:
            type_ = resolver.resolve(p.annotation, facts, issues)
        params.append(ParamSite(p.name, p.span, p.kind,
                                None if p.annotation is None else p.annotation.text,
                                None if p.annotation is None else p.annotation.span, type_,
                                p.default is not None))
        if index == 0 or p.kind in ("varargs", "varkw"):
            continue
        default = None if p.default is None else resolver.builder.json_default(p.default, facts)
        wire.append(Param(p.name, type_ if type_ is not None else ANY, p.default is None, default))

    view_path = False
    returns: TypeRef | None = None
    if fn.returns is not None:
        if resolver.is_response(fn.returns, facts):
            view_path, returns = True, ANY
        else:
            returns = resolver.resolve(fn.returns, facts, issues)

    auth = _auth(kw.get("auth"), facts, resolver)
    rev = _rev(kw.get("rev"))
    context = _string(kw.get("context"))
    route = _string(kw.get("route"))
    websocket_flag = kw.get("websocket")
    websocket = isinstance(websocket_flag, ConstX) and websocket_flag.value is True
    affects = read_affects(kw.get("affects"), facts, resolver)

    site = FunctionSite(
        module=facts.module, qualname=fn.qualname, file=file, path=path, name_span=fn.span,
        decorator_span=decorator.span, params=tuple(params), params_span=fn.params_span,
        returns=returns, returns_text=None if fn.returns is None else fn.returns.text,
        returns_span=None if fn.returns is None else fn.returns.span, args=args,
        context=context, affects=affects, auth=auth, rev=rev, route=route, view_path=view_path,
        is_async=fn.is_async,
    )
    template = Function(
        name="", module=facts.module, qualname=fn.qualname, params=tuple(wire),
        returns=returns if returns is not None else ANY, context=context,
        affects=(), auth=auth or "none", websocket=websocket,
        route=route, rev=rev or 1, view_path=view_path, doc=fn.doc,
        location=Location(location_file(facts.module, facts.is_package), fn.line),
    )
    return ClientUnit(site, template, tuple(issues))


def affects_for(site: FunctionSite, names_of: dict[str, tuple[str, ...]]) -> tuple[Affect, ...]:
    """The IR `affects` of a site, given each function's registered names."""
    return affects_ir(site.affects, names_of)


def affects_ir(affects: tuple[AffectsSite, ...],
               names_of: dict[str, tuple[str, ...]]) -> tuple[Affect, ...]:
    """The IR `affects` of `affects=` items (a function's or a form's)."""
    out: list[Affect] = []
    for a in affects:
        if a.kind == "context" and a.target is not None:
            out.append(Affect(a.target, "context"))
        elif a.function is not None:
            out.extend(function_affects(names_of.get(a.function, ())))
    return tuple(out)


def _string(expr: Expr | None) -> str | None:
    return expr.value if isinstance(expr, ConstX) and isinstance(expr.value, str) else None


def _auth(expr: Expr | None, facts: ModuleFacts, resolver: TypeResolver) -> AuthRule | None:
    if expr is None:
        return auth_rule(None)
    if isinstance(expr, ConstX):
        return auth_rule(expr.value)  # the rule the runtime decorator applies to the value
    if isinstance(expr, OtherX):
        return "custom" if expr.kind == "lambda" else None
    if isinstance(expr, CallX):
        return "custom"
    if isinstance(expr, NameX):
        target = resolver.symbols.resolve(facts, expr.dotted)
        if target.kind == "assign":
            home = resolver.load(target.module)
            stmt = home.assigns.get(target.name) if home else None
            if home is not None and stmt is not None and isinstance(stmt.value, ConstX):
                return _auth(stmt.value, home, resolver)
        return "custom"
    return None


def _rev(expr: Expr | None) -> int | None:
    if expr is None:
        return 1
    value = expr.value if isinstance(expr, ConstX) else None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    return None


def read_affects(expr: Expr | None, facts: ModuleFacts,
                 resolver: TypeResolver) -> tuple[AffectsSite, ...]:
    """The items of an `affects=` argument, as written (`@client` or `mizanFormMeta`)."""
    if expr is None or (isinstance(expr, ConstX) and expr.value is None):
        return ()
    items = expr.items if isinstance(expr, SeqX) and expr.kind in ("list", "tuple") else (expr,)
    out: list[AffectsSite] = []
    for item in items:
        if isinstance(item, ConstX) and isinstance(item.value, str):
            out.append(AffectsSite(item.value, "context", item.text, item.span))
        elif isinstance(item, NameX):
            target: Target = resolver.symbols.resolve(facts, item.dotted)
            key = target.key if target.kind == "function" and not target.rest else None
            out.append(AffectsSite(None, "function", item.text, item.span, key))
        else:
            out.append(AffectsSite(None, "function", item.text, item.span, None))
    return tuple(out)
