"""Live invalidation over the multiplexed socket: subscriptions in, entries out.

A socket says what it shows with a subscribe frame
``{"id": 1, "subscribe": {"context": "cart", "args": {"cart_id": 1}}}`` (or
``{"function": "cart_summary", "args": {...}}``) and stops with
``{"id": 2, "unsubscribe": 1}``. Each is answered like a call, ``{"id": 1,
"result": null}`` or an error frame. From then on every invalidation entry
that names what it shows, for its argument values, arrives as
``{"invalidate": [entry]}`` (a frame without ``id``), whichever process and
transport made the change.

Routing is exact, never a broadcast filtered at the edge: an entry
``(kind, target, scope)`` is sent to the one channel-layer group named by a
digest of exactly those three, and a subscription joins the groups of the
entries that could concern it (each subset of its arguments, for its context
and for each of its functions it may read). A socket that watches cart 7 is
in no group cart 8's entries go to, so it cannot hear of them.

A subscription is authorised as a read of the function is: the ``auth=`` of
each function it covers, for the socket's current user. A context
subscription covers the functions of the context its user may read, and is
refused when there is none.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from asgiref.sync import async_to_sync
from django.http import HttpRequest

from mizan_core.ir import ProjectIR
from mizan_core.registry import default_registry
from mizan_django.errors import MizanRequestError

__all__ = ["MAX_SCOPE_ARGS", "Subscription", "apush", "entry_group", "push", "resolve_subscription"]

logger = logging.getLogger("mizan_django.live")

#: a subscription joins one group per subset of its arguments
MAX_SCOPE_ARGS = 6

EVENT = "mizan.invalidate"


def entry_group(kind: str, target: str, scope: Mapping[str, Any]) -> str:
    """The channel-layer group an entry ``(kind, target, scope)`` is sent to."""
    text = json.dumps([kind, target, scope], sort_keys=True, ensure_ascii=True,
                      separators=(",", ":"))
    return "mizan.live." + hashlib.sha256(text.encode()).hexdigest()[:48]


@dataclass(frozen=True)
class Subscription:
    groups: frozenset[str]


def _subsets(args: Mapping[str, Any], names: Iterable[str]) -> list[dict[str, Any]]:
    keys = sorted(set(args) & set(names))
    return [{k: args[k] for k in chosen}
            for size in range(len(keys) + 1) for chosen in itertools.combinations(keys, size)]


def _bad(message: str) -> MizanRequestError:
    return MizanRequestError.invalid_arguments(
        [{"field": "subscribe", "message": message, "type": "invalid_subscription"}])


def resolve_subscription(request: HttpRequest, spec: Any, ir: ProjectIR) -> Subscription:
    """The groups a subscribe frame's ``spec`` joins for ``request.user`` in the served
    ``ir``, or a ``MizanRequestError`` (400 malformed, 404 unknown name, 401/403 refused)."""
    from mizan_django import auth

    if not isinstance(spec, dict) or len(set(spec) & {"context", "function"}) != 1 \
            or set(spec) - {"context", "function", "args"}:
        raise _bad('subscribe to {"context": name, "args": {...}} or {"function": name, "args": {...}}')
    args = spec.get("args", {})
    if not isinstance(args, dict):
        raise _bad("args must be a JSON object of the arguments shown")
    if "context" in spec:
        context = spec["context"]
        members = [f for f in ir.functions if f.context == context and isinstance(context, str)]
        if not members:
            raise MizanRequestError(404, "not_found", f"no context {context!r}")
    else:
        name = spec["function"]
        members = [f for f in ir.functions if f.name == name and f.context is not None]
        if not members:
            raise MizanRequestError(404, "not_found", f"no context function {name!r}")
        context = members[0].context
    known = {p.name for f in members for p in f.params}
    unknown = sorted(set(args) - known)
    if unknown:
        raise _bad(f"unknown arguments {unknown}: the parameters are {sorted(known)}")
    if len(args) > MAX_SCOPE_ARGS:
        raise _bad(f"at most {MAX_SCOPE_ARGS} arguments")
    readable = []
    refusal: MizanRequestError | None = None
    for fn in members:
        served = default_registry.get(fn.name)
        if served is None:
            continue
        try:
            auth.check_access(served.meta.auth, request)
        except MizanRequestError as error:
            refusal = refusal or error
            continue
        readable.append(fn)
    if not readable:
        raise refusal or MizanRequestError(404, "not_found", "nothing to subscribe to")
    groups = {entry_group("context", str(context), scope) for scope in _subsets(args, known)}
    for fn in readable:
        groups.update(entry_group("function", fn.name, scope)
                      for scope in _subsets(args, (p.name for p in fn.params)))
    return Subscription(frozenset(groups))


async def apush(entries: list[dict[str, Any]]) -> None:
    try:
        from mizan_django.ws.layer import get_layer, group_send
        get_layer()
    except ImportError:  # Channels is an optional extra: without it nobody listens
        return
    for entry in entries:
        await group_send(entry_group(entry["kind"], entry["target"], entry["scope"]),
                         {"type": EVENT, "entry": entry})


def push(entries: list[dict[str, Any]]) -> None:
    """Send each entry to the sockets subscribed to its scope, in every process.

    A layer that cannot be reached is logged, never raised: the data has
    changed already, and the caller's own answer still carries the entries.
    """
    if not entries:
        return
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    if loop is not None:  # called from async code: no thread to block, send in the background
        task = loop.create_task(apush(entries))
        _background.add(task)
        task.add_done_callback(_sent)
        return
    try:
        async_to_sync(apush)(entries)
    except Exception:  # a push is best effort: the mutation stands
        logger.exception("could not push %d invalidation entries", len(entries))


_background: set[asyncio.Task[None]] = set()


def _sent(task: asyncio.Task[None]) -> None:
    _background.discard(task)
    if not task.cancelled() and task.exception() is not None:
        logger.error("could not push invalidation entries", exc_info=task.exception())
