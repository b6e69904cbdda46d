"""The checks of the catalogue, over `FunctionSite`s (never over syntax trees).

`check_function` looks at one function as written; `check_project` at what
only the whole project knows (names, contexts, registration). Both return
`Diagnostic`s with the narrowest range that shows the mistake: the argument,
the parameter, the annotation, never the whole function. `mizan-unresolved`
and `mizan-unserializable` come from type resolution (mizan_core.extract.types)
and `mizan-stale` from the code generator.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mizan_core.ir import Primitive, TypeRef
from mizan_core.ir.declarations import target_kind

from . import messages
from .catalogue import (
    AFFECTS,
    ASYNC,
    AUTH,
    CONTEXT_PARAMS,
    DUPLICATE,
    GLOBAL_PARAMS,
    REQUEST,
    REV,
    ROUTE,
    UNREGISTERED,
    UNSERIALIZABLE,
    UNTYPED,
)
from .diagnostic import Diagnostic
from .sites import AffectsSite, FunctionSite, ParamSite, Span

__all__ = ["Claim", "check_affects", "check_context_params", "check_duplicates",
           "check_function", "check_project", "check_sites", "closest", "diagnostic"]

_ROUTE_PLACEHOLDER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")
_INT = Primitive("int")


def diagnostic(code: str, message: str, file: str, span: Span | tuple[int, int, int, int]) -> Diagnostic:
    line, column, end_line, end_column = span
    return Diagnostic(code, message, file, line, column, end_line, end_column)


def closest(word: str, candidates: Iterable[str]) -> str | None:
    return _closest(word, frozenset(candidates))


@functools.lru_cache(maxsize=256)
def _closest(word: str, candidates: frozenset[str]) -> str | None:
    # Remembered: an editor asks again on every keystroke, against the same
    # names, and a fuzzy match over a thousand of them costs milliseconds.
    found = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return found[0] if found else None


def check_function(site: FunctionSite) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    f = site.file

    def add(code: str, message: str, span: Span) -> None:
        out.append(diagnostic(code, message, f, span))

    if site.is_async:
        add(ASYNC, f"`{site.qualname}` is an `async def`; @client serves plain functions only "
            "(the server refuses this one when its module is imported, so it is in neither "
            "IR). Write it as a plain `def`: Django runs it in a thread under ASGI.",
            site.name_span)
    first = site.params[0] if site.params else None
    if first is None:
        add(REQUEST, f"`{site.qualname}` takes no parameters; a server function's first "
            "parameter must be `request`.", site.name_span)
    elif first.name != "request" or first.kind != "positional":
        add(REQUEST, f"the first parameter of `{site.qualname}` is `{first.name}`; name it "
            "`request` (the HttpRequest comes first).", first.span)
    for p in site.params[1:]:
        if p.kind in ("varargs", "varkw"):
            add(UNSERIALIZABLE, f"`{'*' if p.kind == 'varargs' else '**'}{p.name}` cannot be "
                "sent as JSON arguments; declare each argument as a named, annotated parameter.",
                p.span)
        elif p.annotation is None:
            add(UNTYPED, f"parameter `{p.name}` has no annotation; annotate it (for example "
                f"`{p.name}: str`) so its wire type is known.", p.span)
    if site.returns_span is None:
        add(UNTYPED, f"`{site.qualname}` has no return annotation; annotate it (`-> MyModel`, "
            "`-> None`, or `-> HttpResponse` for a view-path function).", site.name_span)

    if site.auth is None:
        arg = site.args["auth"]
        add(AUTH, f"auth={arg.text} is not an access rule; use auth=True, auth=\"staff\", "
            "auth=\"superuser\" or a callable(request) -> bool.", arg.span)
    if site.rev is None:
        arg = site.args["rev"]
        add(REV, f"rev={arg.text} is not a positive integer literal; use rev=1, rev=2, ...",
            arg.span)

    wire = [p for p in site.params[1:] if p.kind not in ("varargs", "varkw")]
    if site.context == "global" and wire:
        span = Span(wire[0].span.line, wire[0].span.column, wire[-1].span.end_line,
                    wire[-1].span.end_column)
        names = ", ".join(p.name for p in wire)
        add(GLOBAL_PARAMS, f"`{site.qualname}` is a context=\"global\" function but takes "
            f"{names}; a global context is fetched once for the page and takes no parameters "
            "besides request. Use a named context instead.", span)
    if site.route is not None:
        out.extend(_check_route(site, wire))
    return out


def _check_route(site: FunctionSite, wire: Sequence[ParamSite]) -> list[Diagnostic]:
    arg = site.args["route"]
    out: list[Diagnostic] = []
    by_name = {p.name: p for p in wire}
    placeholders = {m["name"]: m["converter"] for m in _ROUTE_PLACEHOLDER.finditer(site.route or "")}
    for name, converter in placeholders.items():
        param = by_name.get(name)
        if param is None:
            params = ", ".join(by_name) or "none"
            out.append(diagnostic(ROUTE, f"route placeholder <{name}> names no parameter of "
                                  f"`{site.qualname}` (its parameters: {params}); rename one to "
                                  "match.", site.file, arg.span))
        elif converter == "int" and param.type is not None and param.type != _INT:
            out.append(diagnostic(ROUTE, f"route placeholder <int:{name}> gives an int but "
                                  f"`{name}` is annotated `{param.annotation}`.", site.file,
                                  param.annotation_span or param.span))
    for p in wire:
        if p.name not in placeholders and not p.has_default:
            out.append(diagnostic(ROUTE, f"parameter `{p.name}` of `{site.qualname}` is not in "
                                  f"route {site.route!r}; add <{p.name}> to the route or give "
                                  "it a default.", site.file, p.span))
    if not site.view_path:
        span = site.returns_span or site.name_span
        out.append(diagnostic(ROUTE, f"`{site.qualname}` has route= but returns "
                              f"`{site.returns_text or 'nothing annotated'}`; a route function "
                              "must return an HttpResponse.", site.file, span))
    return out


@dataclass(frozen=True, slots=True)
class Claim:
    """A public name claimed by a function registration, a form or a channel."""

    name: str
    kind: str  # "function", "form", "channel"
    owner: str  # `module.qualname`
    file: str
    span: Span


def check_duplicates(claims: Sequence[Claim]) -> tuple[set[int], list[Diagnostic]]:
    """Claims in project order; the first claim of a name wins. Returns the
    indices of losing claims and one diagnostic per losing declaration: a form
    claims four names from one `mizanFormMeta(name=...)` (its own first), so it
    hears once, about the first name it lost; each register() call is its own
    declaration."""
    first: dict[str, Claim] = {}
    losers: set[int] = set()
    reported: set[tuple[str, str, str, Span]] = set()
    out: list[Diagnostic] = []
    for index, claim in enumerate(claims):
        held = first.get(claim.name)
        if held is None:
            first[claim.name] = claim
            continue
        if held.owner == claim.owner and held.kind == claim.kind:
            losers.add(index)  # the same declaration registered twice: a no-op at run time
            continue
        losers.add(index)
        declaration = (claim.kind, claim.owner, claim.file, claim.span)
        if declaration in reported:
            continue
        reported.add(declaration)
        out.append(diagnostic(DUPLICATE, messages.duplicate(
            claim.name, held.kind, held.owner, f"{held.file}:{held.span.line}"),
            claim.file, claim.span))
    return losers, out


def check_project(sites: Sequence[FunctionSite], contexts: Iterable[str],
                  functions: Iterable[str], registered: Iterable[str]) -> list[Diagnostic]:
    """`mizan-affects`, `mizan-unregistered`, `mizan-context-params`.

    `registered` holds the `module.qualname` of every function a register()
    call names, calls that lost a duplicate claim included: such a function
    was registered (its only mistake is the name, reported as
    `mizan-duplicate`), not a function "never registered"."""
    out = check_sites(sites, set(contexts), set(functions), set(registered))
    out.extend(check_context_params(sites))
    return out


def check_sites(sites: Iterable[FunctionSite], contexts: set[str] | frozenset[str],
                functions: set[str] | frozenset[str],
                registered: set[str] | frozenset[str]) -> list[Diagnostic]:
    """What `check_project` finds at each site by itself (`mizan-unregistered`,
    `mizan-affects`): a project index re-checks only the sites an edit changed
    while the names stand."""
    out: list[Diagnostic] = []
    for site in sites:
        if not site.functions and site.key not in registered:
            out.append(diagnostic(UNREGISTERED, messages.unregistered(site.qualname),
                                  site.file, site.name_span))
        out.extend(check_affects(site.affects, site.file, contexts, functions))
    return out


def check_affects(affects: Iterable[AffectsSite], file: str, contexts: Iterable[str],
                  functions: Iterable[str]) -> list[Diagnostic]:
    """`mizan-affects` for the `affects=` items of a function or a form."""
    # A set passed in is used as it is: `check_project` asks once per function.
    context_names = contexts if isinstance(contexts, (set, frozenset)) else set(contexts)
    function_names = functions if isinstance(functions, (set, frozenset)) else set(functions)
    out: list[Diagnostic] = []
    for a in affects:
        if a.kind == "context" and a.target is not None:
            if target_kind(a.target, context_names, function_names) is not None:
                continue
            hint = closest(a.target, context_names | function_names)
            out.append(diagnostic(AFFECTS, messages.affects_unknown(a.text, hint), file, a.span))
        elif a.function is None:
            out.append(diagnostic(AFFECTS, messages.affects_not_client(a.text), file, a.span))
        elif a.target is None:
            out.append(diagnostic(AFFECTS, messages.affects_never_registered(a.text),
                                  file, a.span))
    return out


def check_context_params(sites: Sequence[FunctionSite]) -> list[Diagnostic]:
    """`mizan-context-params`: two functions of one context disagree on a
    parameter's type (the first by public name holds)."""
    out: list[Diagnostic] = []
    seen: dict[tuple[str, str], tuple[TypeRef, str, str]] = {}
    ordered = sorted((s for s in sites if s.functions and s.context not in (None, "global")),
                     key=lambda s: s.functions[0].name)
    for site in ordered:
        for p in site.params[1:]:
            if p.type is None:
                continue
            key = (site.context or "", p.name)
            held = seen.get(key)
            if held is None:
                seen[key] = (p.type, site.functions[0].name, p.annotation or "")
            elif held[0] != p.type:
                out.append(diagnostic(CONTEXT_PARAMS, messages.context_params(
                    p.name, p.annotation or "", held[2], held[1], site.context or ""),
                    site.file, p.annotation_span or p.span))
    return out
