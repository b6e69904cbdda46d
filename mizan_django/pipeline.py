"""The HTTP adapter of the call: one request to one server function, start to finish.

``handle`` reads top to bottom as the protocol: resolve the name through the
registry (a key, never an import path), check the method, the content type,
the declared body size and the origin, authenticate (bearer MWT or session),
CSRF-check cookie-authenticated unsafe requests, then hand the plan, the
caller and the arguments as sent (JSON body, query values or the ``route=``
path's values) to ``mizan_django.call.execute``, which authorises,
validates, calls or serves the context, and invalidates; the ``Outcome`` is
rendered here as the protocol's envelope, a view path's own response, a
context answer (``ETag``, ``304``, ``Cache-Control``, ``Vary``), or the one
error shape.

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
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.middleware.csrf import get_token

from mizan_django import auth
from mizan_django._plan import Plan
from mizan_django.call import HTTP, Arguments, Outcome, execute, failure, resolve
from mizan_django.conf import config
from mizan_django.contexts import etag_matches
from mizan_django.errors import MizanRequestError, error_response

__all__ = ["handle"]

logger = logging.getLogger("mizan_django.request")

SAFE_METHODS = ("GET", "HEAD")
ROUTE_METHODS = ("GET", "HEAD", "POST")


def handle(request: HttpRequest, name: str,
           path_args: dict[str, Any] | None = None) -> HttpResponseBase:
    """Serve ``POST|GET <base>/call/<name>``, or a ``route=`` path when ``path_args`` is given."""
    response = _answer(request, name, path_args)
    _offer_csrf_cookie(request, response)
    return response


def _answer(request: HttpRequest, name: str,
            path_args: dict[str, Any] | None) -> HttpResponseBase:
    try:
        plan = resolve(name, HTTP)
        _check_method(request, plan, routed=path_args is not None)
        auth.check_origin(request)
        bearer = auth.authenticate(request)
        if not bearer and request.method not in SAFE_METHODS and auth.uses_session_cookie(request):
            auth.enforce_csrf(request)
        outcome = execute(plan, request, _arguments(request, path_args), HTTP)
    except MizanRequestError as error:
        return error_response(error)
    except Exception as error:  # noqa: BLE001  (never a traceback to the caller)
        return error_response(failure(error, name))
    return _render(request, outcome)


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


def _arguments(request: HttpRequest, path_args: dict[str, Any] | None) -> Arguments:
    if path_args is not None:
        return Arguments(path=path_args)
    if request.method in SAFE_METHODS:
        return Arguments(query=list(request.GET.lists()))
    limit = config().max_body_bytes
    if hasattr(request, "_body"):  # something already read it
        return Arguments(body=request._body)
    return Arguments(body=request.read(limit + 1))  # one byte over is enough to refuse


def _envelope(result: bytes, invalidate: str) -> bytes:
    return b'{"result":' + result + b',"invalidate":' + invalidate.encode() + b"}"


def _invalidate_json(entries: list[dict[str, Any]], *, ascii_only: bool) -> str:
    if not entries:
        return "[]"  # the common case, without a trip through the encoder
    return json.dumps(entries, ensure_ascii=ascii_only, separators=(",", ":"))


def _render(request: HttpRequest, outcome: Outcome) -> HttpResponseBase:
    if outcome.error is not None:
        return error_response(outcome.error)
    if outcome.response is not None:  # a view path: passed through untouched
        response = outcome.response
        response["X-Mizan-Invalidate"] = _invalidate_json(outcome.invalidate, ascii_only=True)
        response["Cache-Control"] = "no-store"
        _mark_pending(response, outcome)
        return response
    assert outcome.result is not None
    value = outcome.context
    if value is not None and request.method in SAFE_METHODS and etag_matches(request, value.etag):
        # No body, so no Content-Type (RFC 9110 15.4.5): a cache would otherwise take
        # the 304's type as an update of the stored 200's.
        response = HttpResponseNotModified()
    else:
        body = _envelope(outcome.result, _invalidate_json(outcome.invalidate, ascii_only=False))
        response = HttpResponse(body, content_type="application/json")
        response["X-Mizan-Invalidate"] = _invalidate_json(outcome.invalidate, ascii_only=True)
        _mark_pending(response, outcome)
    if value is None:
        response["Cache-Control"] = "no-store"
        return response
    response["ETag"] = value.etag
    response["Cache-Control"] = "no-cache" if value.shared else "private, no-cache"
    response["Vary"] = "Cookie, Authorization, Accept-Language"
    return response


def _mark_pending(response: HttpResponseBase, outcome: Outcome) -> None:
    """A committed change whose purge outlived ``MIZAN_PURGE_TIMEOUT`` is answered all
    the same, and says that other processes may still serve the older values."""
    if outcome.purge_pending:
        response["X-Mizan-Purge"] = "pending"


def _offer_csrf_cookie(request: HttpRequest, response: HttpResponseBase) -> None:
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
