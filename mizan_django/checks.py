"""Django system checks: a mis-configured Mizan refuses to start, saying why.

``mizan.E001``/``E002``: ``MIZAN_CACHE_SECRET``/``MIZAN_MWT_SECRET`` missing
outside DEBUG. ``E003``: the two secrets are the same. ``E004``: a ``route=``
pattern Django cannot parse, or whose placeholders and parameters disagree.
``E005``: two functions claim the same route (duplicate names are refused
earlier, by the registry, when the second ``register()`` runs). ``E006``:
``MIZAN_CACHE_REDIS_URL`` without the ``redis`` package. ``E007``: a
function whose arguments or result pydantic cannot handle. ``E009``: a
``MIZAN_*`` setting whose value Mizan cannot use (a ``MIZAN_CACHE_ALIAS``
naming no cache among them), as ``mizan_django.conf`` reads it. ``W001``: no
``AuthenticationMiddleware``, so session users are never seen. ``W002``: the
channel layer is in memory while DEBUG is off or ``WEB_CONCURRENCY`` is above
1 (``mizan_django.ws.layer.layer_warnings``).

``check_declarations`` runs the diagnostic catalogue's own rules over the live
registry and reports each finding under its catalogue code (``mizan-affects``,
``mizan-context-params``, ``mizan-global-params``, ``mizan-request``,
``mizan-untyped``, ...) with the sentence ``mizan check`` prints.
"""

from __future__ import annotations

import importlib.util
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.urls import path

from mizan_core.registry import default_registry
from mizan_core.rules import Diagnostic
from mizan_core.rules.catalogue import ROUTE
from mizan_core.rules.checks import check_affects, check_function, check_project
from mizan_core.rules.sites import AffectsSite, FunctionSite, Span
from mizan_django._spans import SourceSpans
from mizan_django.conf import (
    cache_redis_url,
    configured_secret,
    same_secrets_problem,
    secrets_optional,
    setting_problems,
)

__all__ = ["check_declarations", "check_functions", "check_settings", "refuse_to_serve_on_errors"]

_T = TypeVar("_T")


@register(Tags.security, deploy=False)
def check_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    found: list[CheckMessage] = []
    for code, name in (("mizan.E001", "MIZAN_CACHE_SECRET"), ("mizan.E002", "MIZAN_MWT_SECRET")):
        if configured_secret(name) is None and not secrets_optional():
            found.append(Error(
                f"{name} is not set.",
                hint=f"Set {name} to a long random string, e.g. from "
                     "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`; "
                     "it is required outside DEBUG.",
                id=code,
            ))
    found += [Error(problem, hint="Mizan reads this setting as the message says; fix its value "
                                  "or remove it to take the default.", id="mizan.E009")
              for problem in setting_problems()]
    same = same_secrets_problem()
    if same is not None:
        found.append(Error(same, hint="Generate each with "
                                      "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`.",
                           id="mizan.E003"))
    if _or_none(cache_redis_url) and importlib.util.find_spec("redis") is None:
        found.append(Error("MIZAN_CACHE_REDIS_URL is set but the redis package is missing.",
                           hint='Install the extra: `pip install "mizan[redis]"`.', id="mizan.E006"))
    if importlib.util.find_spec("channels") is not None:
        from mizan_django.ws.layer import layer_warnings

        reasons = _or_none(layer_warnings)
        if reasons:
            found.append(Warning(
                f"the channel layer is in memory ({', '.join(reasons)}): a push or channel "
                "message sent by another process (a second worker, a shell, a task) reaches nobody.",
                hint="Set MIZAN_CACHE_REDIS_URL (or CHANNEL_LAYERS) to a Redis every process shares.",
                id="mizan.W002",
            ))
    middleware = getattr(settings, "MIDDLEWARE", [])
    if "django.contrib.auth.middleware.AuthenticationMiddleware" not in middleware:
        found.append(Warning(
            "AuthenticationMiddleware is not installed: Mizan sees only bearer-token users.",
            hint="Add django.contrib.auth.middleware.AuthenticationMiddleware to MIDDLEWARE.",
            id="mizan.W001",
        ))
    return found


def _or_none(read: Callable[[], _T]) -> _T | None:
    """What ``read`` finds, or None when a setting it reads is mizan.E009's to report."""
    try:
        return read()
    except ImproperlyConfigured:
        return None


def _route_errors(name: str, fn: Any) -> list[str]:
    route = fn.meta.route
    try:
        pattern = path(route.lstrip("/"), lambda request: HttpResponse()).pattern  # parsed only
    except ImproperlyConfigured as error:
        return [f"route={route!r} of {name!r} is not a valid Django path: {error}"]
    placeholders = set(pattern.converters)
    parameters = list(inspect.signature(fn.func).parameters.values())[1:]
    names = {p.name for p in parameters}
    required = {p.name for p in parameters if p.default is p.empty}
    problems = [f"route={route!r} of {name!r}: <{p}> is not a parameter of the function"
                for p in sorted(placeholders - names)]
    problems += [f"route={route!r} of {name!r}: parameter {p!r} has no <{p}> in the path"
                 for p in sorted(required - placeholders)]
    return problems


@register()
def check_functions(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    from mizan_django._hints import UnresolvedAnnotations
    from mizan_django._plan import plan_for  # needs the app registry

    found: list[CheckMessage] = []
    routes: dict[str, str] = {}
    for name, fn in default_registry.items():
        if fn.meta.route is not None:
            found += [Error(p, obj=fn.qualified_name, id="mizan.E004") for p in _route_errors(name, fn)]
            other = routes.setdefault(fn.meta.route, name)
            if other != name:
                found.append(Error(f"{name!r} and {other!r} are both mounted at {fn.meta.route!r}.",
                                   hint="Give one of them another route=.", obj=fn.qualified_name,
                                   id="mizan.E005"))
        try:
            plan_for(name, fn)
        except UnresolvedAnnotations:
            pass  # mizan.E008 (_type_checks) names the annotation
        except Exception as error:  # noqa: BLE001  (report, do not crash the check run)
            found.append(Error(f"{name!r}: pydantic cannot handle its arguments or result: {error}",
                               hint="Use JSON-friendly types (see mizan-unserializable).",
                               obj=fn.qualified_name, id="mizan.E007"))
    return found


@register()
def check_declarations(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The catalogue's rules (``mizan_core.rules.checks``) over what the live
    registry serves: the same codes, sentences and lines as ``mizan check``,
    each under the function or form that owns it."""
    from mizan_django._sites import registry_sites
    from mizan_django.export import runtime_ir

    try:
        ir = runtime_ir(default_registry)
    except Exception:  # noqa: BLE001  (check_functions reports what cannot be exported)
        return []
    sites = registry_sites(default_registry, ir)
    found = _findings(sites, ir, None)
    if not found:
        return []
    # Only now read the source, for the spans `mizan check` reports: a clean project parses nothing.
    source = SourceSpans()
    sites = [source.function(site) for site in sites]
    found = _findings(sites, ir, source)
    owners = [(site.file, site.decorator_span.line, _last_line(site), site.key) for site in sites]
    owners += [(form.location.file, form.location.line, _form_end(form, source),
                f"{form.module}.{form.qualname}") for form in ir.forms if form.location]
    messages: list[CheckMessage] = []
    for d in sorted(found, key=Diagnostic.sort_key):
        if d.code == ROUTE:
            continue  # mizan.E004 parses the route as Django does
        kind = Error if d.severity == "error" else Warning
        owner = next((key for file, first, last, key in owners
                      if file == d.file and first <= d.line <= last), None)
        messages.append(kind(d.message, hint=f"at {d.file}:{d.line}", obj=owner, id=d.code))
    return messages


def _findings(sites: list[FunctionSite], ir: Any, source: SourceSpans | None) -> list[Diagnostic]:
    found = [d for site in sites for d in check_function(site)]
    found += check_project(sites, {c.name for c in ir.contexts}, [f.name for f in ir.functions],
                           [site.key for site in sites])
    return found + _form_affects(ir, source)


def _last_line(site: FunctionSite) -> int:
    spans = [site.name_span, site.params_span, site.returns_span,
             *(p.span for p in site.params), *(a.span for a in site.affects),
             *(a.span for a in site.args.values())]
    return max(span.end_line for span in spans if span is not None)


def _form_end(form: Any, source: SourceSpans) -> int:
    spans = source.form_affects(form.module, form.qualname).values()
    first: int = form.location.line
    return max([first, *(span.end_line for span in spans)])


def _form_affects(ir: Any, source: SourceSpans | None) -> list[Diagnostic]:
    """``mizan-affects`` for a form's ``affects=`` context name that names nothing
    (a function object is checked by the static side, which sees how it was written)."""
    out: list[Diagnostic] = []
    for form in ir.forms:
        file, line = (form.location.file, form.location.line) if form.location else (form.module, 1)
        written = source.form_affects(form.module, form.qualname) if source else {}
        items = [AffectsSite(a.target, "context", f'"{a.target}"',
                             written.get(a.target, Span(line, 1, line, 1)))
                 for a in form.affects if a.kind == "context"]
        out += check_affects(items, file, {c.name for c in ir.contexts},
                             [f.name for f in ir.functions])
    return out


_refusal: list[str] | None = None


def refuse_to_serve_on_errors(**_: Any) -> None:
    """Connected to ``request_started``: outside DEBUG, a server that never ran
    the system checks (gunicorn, uvicorn, daphne) refuses every request while
    ``check_declarations`` finds an error, naming each one, instead of serving
    declarations the checker refuses (``runserver`` and ``migrate`` run the
    checks themselves and stop before serving)."""
    global _refusal
    from mizan_django.conf import secrets_optional

    if secrets_optional():
        return
    if _refusal is None:
        _refusal = [f"{m.id}: {m.msg} ({m.hint})" for m in check_declarations() if m.is_serious()]
    if _refusal:
        raise ImproperlyConfigured("Mizan refuses to serve: `manage.py check` reports "
                                   + "; ".join(_refusal))
