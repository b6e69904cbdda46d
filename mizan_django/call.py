"""The one call: a resolved function, its caller and its arguments in, an ``Outcome`` out.

Every transport is an adapter around ``execute``: an HTTP call or context
``GET`` and a ``route=`` path (``mizan_django.pipeline``), a websocket RPC
frame (``mizan_django.ws.rpc``) and the page's SSR hydration
(``mizan_django.hydration``) read their input, hand it here and render the
outcome. The steps that decide what a call may do are written only here, in
this order: the settings (a bad one refuses the call as ``misconfigured``
before anything runs), ``auth=``, the argument size, strict validation, then a context
read from the cache or the function's call, and a mutation's invalidation
(reported and purged, the answer held until the purge is written, bounded by
``MIZAN_PURGE_TIMEOUT``). A rule added here holds on every transport.

What stays with a transport is what only it has: HTTP's method, origin,
bearer or session authentication and CSRF; the websocket's handshake; the
page that hydration renders into.

A failure once the function has been called (it raised, or its result would
not serialise) means the call must not commit. Where the call is the whole
request (HTTP, a websocket frame) the transaction is marked for rollback,
since the transport answers rather than raising; hydration runs inside a
page whose own writes are not the context's to undo, so it is left alone.
The outcome says which was decided (``rolled_back``).
"""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connections, transaction
from django.http import Http404, HttpRequest, HttpResponseBase

from mizan_core.registry import default_registry
from mizan_django import auth
from mizan_django._json import check_json, parse_json
from mizan_django._plan import Plan, plan_for
from mizan_django.conf import config
from mizan_django.contexts import CachedValue, context_value
from mizan_django.errors import MizanRequestError
from mizan_django.invalidation import graph, invalidate_entries, purge

__all__ = [
    "HTTP", "HYDRATION", "NO_ARGUMENTS", "WEBSOCKET", "Arguments", "Outcome", "Transport",
    "execute", "failure", "resolve",
]

logger = logging.getLogger("mizan_django.request")


@dataclass(frozen=True)
class Transport:
    name: str
    #: may answer a view-path function's own ``HttpResponse``
    view_responses: bool
    #: the call is the whole request: a failed call rolls its transaction back
    owns_transaction: bool
    #: only ``@client(websocket=True)`` functions answer
    websocket_only: bool = False


HTTP = Transport("http", view_responses=True, owns_transaction=True)
WEBSOCKET = Transport("websocket", view_responses=False, owns_transaction=True,
                      websocket_only=True)
HYDRATION = Transport("hydration", view_responses=False, owns_transaction=False)


@dataclass(frozen=True)
class Arguments:
    """The arguments as the caller sent them, before any check: a JSON body, query
    values (each a JSON text) or a URL path's values."""

    body: bytes | None = None
    query: Sequence[tuple[str, list[str]]] | None = None
    path: Mapping[str, Any] | None = None

    def validate(self, plan: Plan) -> Any:
        if self.path is not None:
            return plan.validate_path(dict(self.path))
        if self.query is not None:
            return plan.validate_json(_query_json(self.query))
        body = self.body or b""
        limit = config().max_body_bytes
        if len(body) > limit:
            raise MizanRequestError.payload_too_large(limit)
        if not body.strip():
            body = b"{}"  # a call without arguments may send no body at all
        check_json(body)
        return plan.validate_json(body)


NO_ARGUMENTS = Arguments(body=b"")


def _query_json(items: Sequence[tuple[str, list[str]]]) -> str:
    values: dict[str, Any] = {}
    for key, given in items:
        if len(given) != 1:
            raise MizanRequestError.invalid_json(f"query parameter {key!r} is given twice")
        try:
            values[key] = parse_json(given[0])
        except MizanRequestError as error:
            raise MizanRequestError.invalid_json(
                f"query parameter {key!r} must be a JSON value ({error.message})") from None
    return json.dumps(values, ensure_ascii=False)


@dataclass(frozen=True)
class Outcome:
    """What a call came to: exactly one of ``result`` (serialised JSON), ``response``
    (a view path's own) and ``error``."""

    result: bytes | None = None
    response: HttpResponseBase | None = None
    #: the protocol's ``invalidate`` entries (already purged from the server cache)
    invalidate: list[dict[str, Any]] = field(default_factory=list)
    error: MizanRequestError | None = None
    #: set for a context read: its ETag and whether it is shared by everybody
    context: CachedValue | None = None
    #: the call failed after the function ran, and its transaction was marked to roll back
    rolled_back: bool = False
    #: the purge of ``invalidate`` was not written within ``MIZAN_PURGE_TIMEOUT`` (it is
    #: kept and retried): other processes may serve the values from before it meanwhile
    purge_pending: bool = False


def resolve(name: str, transport: Transport) -> Plan:
    """The plan of the function registered as ``name``, if ``transport`` may call it.

    The settings are read first, before anything runs: a mutation must never
    commit and then fail on a setting changed at runtime."""
    try:
        config()
    except ImproperlyConfigured as error:
        raise _misconfigured(error) from None
    fn = default_registry.get(name)
    if fn is None:
        raise MizanRequestError.not_found(name)
    if transport.websocket_only and not fn.meta.websocket:
        # registered, but for HTTP only: say how to reach it
        raise MizanRequestError(
            405, "method_not_allowed",
            f"{name!r} is not callable over the websocket: declare it with "
            "@client(websocket=True), or call it over HTTP")
    try:
        return plan_for(name, fn)
    except Exception as error:  # noqa: BLE001  (never a traceback to the caller)
        raise failure(error, name) from None


def _misconfigured(error: ImproperlyConfigured) -> MizanRequestError:
    logger.error("Mizan refused a call: %s", error)
    return MizanRequestError(
        500, "misconfigured",
        "the server is not configured correctly (`manage.py check` says why); nothing was run",
        {"message": str(error)} if settings.DEBUG else None)


def _reads_context(plan: Plan) -> bool:
    """A context function's read: served from the context cache."""
    return plan.meta.is_context and not plan.meta.is_mutation and not plan.view_path


def execute(plan: Plan, request: HttpRequest, arguments: Arguments,
            transport: Transport) -> Outcome:
    """Run one call of ``plan`` for ``request.user`` (already authenticated)."""
    ran = False

    def run(args: Any) -> Any:
        nonlocal ran
        ran = True
        return _call(plan, request, args)

    try:
        auth.check_access(plan.meta.auth, request)
        args = arguments.validate(plan)
        if plan.view_path and not transport.view_responses:
            raise MizanRequestError(400, "view_path",
                                    f"{plan.name!r} returns an HttpResponse; call it over HTTP")
        if _reads_context(plan):
            value = context_value(request, plan, args, graph(default_registry),
                                  compute=lambda: plan.dump_result(run(args)))
            return Outcome(result=value.result, context=value)
        result = run(args)
        entries = (invalidate_entries(graph(default_registry), plan.name, plan.json_args(args))
                   if plan.meta.is_mutation else [])
        # The function ran: even if its answer fails below, the data may have moved.
        # The answer waits for the purge (bounded): once it is out, no process may
        # serve the value from before the change.
        pending = not purge(entries)
        if isinstance(result, HttpResponseBase):
            return Outcome(response=result, invalidate=entries, purge_pending=pending)
        return Outcome(result=plan.dump_result(result), invalidate=entries,
                       purge_pending=pending)
    except MizanRequestError as error:
        problem = error
    except Exception as error:  # noqa: BLE001  (never a traceback to the caller)
        problem = failure(error, plan.name)
    except BaseException:
        if ran and transport.owns_transaction:
            _rollback()
        raise
    rolled_back = ran and transport.owns_transaction
    if rolled_back:
        _rollback()
    return Outcome(error=problem, rolled_back=rolled_back)


def _call(plan: Plan, request: HttpRequest, args: Any) -> Any:
    """Call the function; the refusals it raises (PermissionDenied, Http404, Django
    ValidationError) become the request errors the client gets."""
    try:
        return plan.fn(request, **plan.kwargs(args))
    except PermissionDenied as error:
        raise MizanRequestError.forbidden(str(error) or "you may not do this") from None
    except Http404 as error:
        raise MizanRequestError(404, "not_found", str(error) or "not found") from None
    except DjangoValidationError as error:
        details = [{"field": "", "message": m, "type": "validation_error"} for m in error.messages]
        raise MizanRequestError(400, "invalid_arguments", "the arguments are not valid",
                                details) from None


def _rollback() -> None:
    """Under ``ATOMIC_REQUESTS`` a failed call must not commit (the transport answers,
    so the atomic block sees no exception).

    Only a database with ``ATOMIC_REQUESTS`` has a block that belongs to the
    request; without it the innermost block is the caller's own (a test's
    transaction, a view that called Mizan inside ``atomic()``), and marking it
    would break every later query there, while Django itself rolls back
    nothing in autocommit.
    """
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block and connection.settings_dict.get("ATOMIC_REQUESTS"):
            transaction.set_rollback(True, using=connection.alias)


def failure(error: Exception, name: str) -> MizanRequestError:
    """The answer to an exception that is not a request error.

    Django's suspicious-request errors (``TooManyFieldsSent``, ``DisallowedHost``,
    ...) are the caller's doing: a 400 as Django answers them, logged where Django
    logs them (``django.security.<name>``). Anything else is a 500: logged with its
    traceback, its internals shown only under DEBUG.
    """
    if isinstance(error, SuspiciousOperation):
        logging.getLogger(f"django.security.{type(error).__name__}").error(str(error))
        return MizanRequestError(400, "bad_request",
                                 f"the request was refused ({type(error).__name__})")
    logger.error("server function %r failed", name, exc_info=error)
    if not settings.DEBUG:
        return MizanRequestError.internal()
    return MizanRequestError.internal({
        "exception": type(error).__name__,
        "message": str(error),
        "traceback": traceback.format_exception(error),
    })
