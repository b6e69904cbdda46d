"""The request pipeline: one HTTP request to one server function, start to finish.

``handle`` reads top to bottom as the protocol: resolve the name through the
registry (a key, never an import path), check the method, the origin and the
body size, authenticate (bearer MWT or session), CSRF-check cookie-authenticated
unsafe requests, apply ``auth=``, validate the arguments strictly, call,
serialise, and attach the invalidation. Every failure is a
``MizanRequestError`` turned into the protocol's one error shape; anything
else the function raises is logged and answered with a 500 that shows
internals only under ``DEBUG``.

Every answer then offers the browser Django's ``csrftoken`` cookie when it has
none yet (``_offer_csrf_cookie``): the generated client echoes that cookie in
``X-CSRFToken``, and without it the first POST of a session-holding browser
would be refused with no Mizan way to get a token. It is offered on reads
(``GET``/``HEAD``: the first thing a page does) and on any answer to a request
that holds or just created a session; never to bearer callers, nor to a
cookie-less script's POST (it needs no token). A request that already carries
the cookie gets no ``Set-Cookie`` (unlike ``ensure_csrf_cookie``, which renews
it on every response; the page's ``{% mizan_hydration %}`` renews it). An
answer that sets the cookie is marked ``private`` so no shared cache hands one
visitor's token to the next.
"""

from __future__ import annotations

import json
import logging
import traceback
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connections, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import get_token

from mizan_core.registry import default_registry
from mizan_django import auth
from mizan_django._json import check_json, parse_json
from mizan_django._plan import Plan, plan_for
from mizan_django.conf import config
from mizan_django.contexts import context_value, etag_matches
from mizan_django.errors import MizanRequestError, error_response
from mizan_django.invalidation import Graph, graph, invalidate_entries, purge

__all__ = ["call_over_socket", "handle", "run_function"]

logger = logging.getLogger("mizan_django.request")

SAFE_METHODS = ("GET", "HEAD")
ROUTE_METHODS = ("GET", "HEAD", "POST")


def handle(request: HttpRequest, name: str, path_args: dict[str, Any] | None = None) -> HttpResponse:
    """Serve ``POST|GET <base>/call/<name>``, or a ``route=`` path when ``path_args`` is given."""
    response = _answer(request, name, path_args)
    _offer_csrf_cookie(request, response)
    return response


def _answer(request: HttpRequest, name: str, path_args: dict[str, Any] | None) -> HttpResponse:
    try:
        fn = default_registry.get(name)
        if fn is None:
            raise MizanRequestError.not_found(name)
        plan = plan_for(name, fn)
        _check_method(request, plan, routed=path_args is not None)
        auth.check_origin(request)
        bearer = auth.authenticate(request)
        if not bearer and request.method not in SAFE_METHODS and auth.uses_session_cookie(request):
            auth.enforce_csrf(request)
        auth.check_access(plan.meta.auth, request)
        args = _read_arguments(request, plan, path_args)
        g = graph(default_registry)
        if plan.meta.is_context and not plan.meta.is_mutation and not plan.view_path:
            return _serve_context(request, plan, args, g)
        result = run_function(plan, request, args)
        entries = invalidate_entries(g, name, plan.json_args(args)) if plan.meta.is_mutation else []
        purge(entries)
        return _respond(plan, result, entries)
    except MizanRequestError as error:
        return error_response(error)
    except Exception as error:  # noqa: BLE001  (never a traceback to the caller)
        return error_response(_internal(error, name))


def call_over_socket(
    request: HttpRequest, name: str, body: bytes
) -> tuple[bytes, list[dict[str, Any]]]:
    """One websocket RPC message: ``(result JSON, invalidate entries)`` or MizanRequestError.

    The socket's origin and identity were checked at connect (``mizan_django.ws``);
    ``request.user`` is the caller now. Only ``websocket=True`` functions answer.
    """
    try:
        fn = default_registry.get(name)
        if fn is None:
            raise MizanRequestError.not_found(name)
        if not fn.meta.websocket:  # registered, but for HTTP only: say how to reach it
            raise MizanRequestError(
                405, "method_not_allowed",
                f"{name!r} is not callable over the websocket: declare it with "
                "@client(websocket=True), or call it over HTTP")
        plan = plan_for(name, fn)
        auth.check_access(plan.meta.auth, request)
        if len(body) > config().max_body_bytes:
            raise MizanRequestError.payload_too_large(config().max_body_bytes)
        check_json(body)
        args = plan.validate_json(body)
        g = graph(default_registry)
        if plan.meta.is_context and not plan.meta.is_mutation and not plan.view_path:
            value = context_value(request, plan, args, g,
                                  compute=lambda: plan.dump_result(run_function(plan, request, args)))
            return value.result, []
        if plan.view_path:
            raise MizanRequestError(400, "view_path",
                                    f"{name!r} returns an HttpResponse; call it over HTTP")
        result = run_function(plan, request, args)
        entries = invalidate_entries(g, name, plan.json_args(args)) if plan.meta.is_mutation else []
        purge(entries)
        return plan.dump_result(result), entries
    except MizanRequestError:
        raise
    except Exception as error:  # noqa: BLE001  (never a traceback to the caller)
        raise _internal(error, name) from None


def _check_method(request: HttpRequest, plan: Plan, *, routed: bool) -> None:
    if routed:
        # A navigation (a link, a redirect) is a GET carrying the Lax session cookie:
        # a route that changes data takes only a POST, which is CSRF-checked.
        allowed: tuple[str, ...] = ("POST",) if plan.meta.is_mutation else ROUTE_METHODS
    else:
        allowed = ("GET", "HEAD", "POST") if plan.meta.is_context else ("POST",)
    if request.method not in allowed:
        raise MizanRequestError.method_not_allowed(str(request.method), allowed)
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if request.method == "POST" and not routed:
        content_type = request.META.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()
        # An empty body (no arguments) may come without a type; anything else is JSON.
        if content_type != "application/json" and (content_type or declared):
            raise MizanRequestError.unsupported_media_type()
    limit = config().max_body_bytes
    if declared > limit:
        raise MizanRequestError.payload_too_large(limit)


def _read_body(request: HttpRequest) -> bytes:
    limit = config().max_body_bytes
    if hasattr(request, "_body"):  # something already read it
        body = request._body
    else:
        body = request.read(limit + 1)
    if len(body) > limit:
        raise MizanRequestError.payload_too_large(limit)
    return body


def _read_arguments(request: HttpRequest, plan: Plan, path_args: dict[str, Any] | None) -> Any:
    if path_args is not None:
        return plan.validate_path(path_args)
    if request.method in SAFE_METHODS:
        values: dict[str, Any] = {}
        for key, items in request.GET.lists():
            if len(items) != 1:
                raise MizanRequestError.invalid_json(f"query parameter {key!r} is given twice")
            try:
                values[key] = parse_json(items[0])
            except MizanRequestError as error:
                raise MizanRequestError.invalid_json(
                    f"query parameter {key!r} must be a JSON value ({error.message})") from None
        return plan.validate_json(json.dumps(values, ensure_ascii=False))
    body = _read_body(request)
    if not body.strip():
        body = b"{}"  # a call without arguments may send no body at all
    check_json(body)
    return plan.validate_json(body)


def run_function(plan: Plan, request: HttpRequest, args: Any) -> Any:
    """Call the function; refusals it raises (PermissionDenied, Http404, Django
    ValidationError) become the request errors the client gets, and any failure
    marks the transaction for rollback."""
    try:
        return plan.fn(request, **plan.kwargs(args))
    except PermissionDenied as error:
        _rollback()
        raise MizanRequestError.forbidden(str(error) or "you may not do this") from None
    except Http404 as error:
        _rollback()
        raise MizanRequestError(404, "not_found", str(error) or "not found") from None
    except DjangoValidationError as error:
        _rollback()
        details = [{"field": "", "message": m, "type": "validation_error"} for m in error.messages]
        raise MizanRequestError(400, "invalid_arguments", "the arguments are not valid",
                                details) from None
    except BaseException:
        _rollback()
        raise


def _rollback() -> None:
    """Under ATOMIC_REQUESTS, a failed call must not commit (we answer, not raise)."""
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:
            transaction.set_rollback(True, using=connection.alias)


def _envelope(result: bytes, invalidate: str) -> bytes:
    return b'{"result":' + result + b',"invalidate":' + invalidate.encode() + b"}"


def _invalidate_json(entries: list[dict[str, Any]], *, ascii_only: bool) -> str:
    if not entries:
        return "[]"  # the common case, without a trip through the encoder
    return json.dumps(entries, ensure_ascii=ascii_only, separators=(",", ":"))


def _respond(plan: Plan, result: Any, entries: list[dict[str, Any]]) -> HttpResponse:
    if isinstance(result, HttpResponseBase):  # a view path: passed through untouched
        result["X-Mizan-Invalidate"] = _invalidate_json(entries, ascii_only=True)
        result["Cache-Control"] = "no-store"
        return result  # type: ignore[return-value]
    body = _envelope(plan.dump_result(result), _invalidate_json(entries, ascii_only=False))
    response = HttpResponse(body, content_type="application/json")
    response["X-Mizan-Invalidate"] = _invalidate_json(entries, ascii_only=True)
    response["Cache-Control"] = "no-store"
    return response


def _serve_context(request: HttpRequest, plan: Plan, args: Any, g: Graph) -> HttpResponse:
    value = context_value(request, plan, args, g,
                          compute=lambda: plan.dump_result(run_function(plan, request, args)))
    if request.method in SAFE_METHODS and etag_matches(request, value.etag):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(_envelope(value.result, "[]"), content_type="application/json")
        response["X-Mizan-Invalidate"] = "[]"
    response["ETag"] = value.etag
    response["Cache-Control"] = "no-cache" if value.shared else "private, no-cache"
    response["Vary"] = "Cookie, Authorization"
    return response


def _offer_csrf_cookie(request: HttpRequest, response: HttpResponse) -> None:
    """Have ``CsrfViewMiddleware`` set ``csrftoken`` on this answer if the browser lacks it."""
    if ("CSRF_COOKIE" in request.META  # already has one (read by CsrfViewMiddleware)
            or "HTTP_AUTHORIZATION" in request.META  # bearer: no cookies involved
            or settings.CSRF_USE_SESSIONS):  # the token lives in the session, unreadable by JS
        return
    if request.method not in SAFE_METHODS:
        session = getattr(request, "session", None)
        # session_key and modified are plain attributes: no session load for a script's call.
        if session is None or (session.session_key is None and not session.modified):
            return
    get_token(request)
    cache_control = response.get("Cache-Control", "")
    if "private" not in cache_control and "no-store" not in cache_control:
        response["Cache-Control"] = f"private, {cache_control}" if cache_control else "private"


def _internal(error: Exception, name: str) -> MizanRequestError:
    logger.error("server function %r failed", name, exc_info=error)
    if not settings.DEBUG:
        return MizanRequestError.internal()
    return MizanRequestError.internal({
        "exception": type(error).__name__,
        "message": str(error),
        "traceback": traceback.format_exception(error),
    })
