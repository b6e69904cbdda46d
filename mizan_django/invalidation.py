"""What a mutation invalidates: the ``invalidate`` list, and the server-side purge.

The graph comes from the runtime IR (``export.runtime_ir``), so the scopes
the server reports are exactly those the IR (and so the generated client)
describes. It is rebuilt only when the registry changes.

Purging is O(1) per scope, with versioned namespaces instead of key scans.
Every invalidation target ``(kind, target, scope names)`` that some mutation
declares is a namespace family. A cached context function reads the current
version of each family it belongs to, for its own argument values, and those
versions are part of its cache key (``mizan_core.tokens.cache_key``,
``namespace``). A mutation called with ``cart_id=1`` replaces the version of
``(context, cart, [cart_id], [1])``: every value stored under the old version
is orphaned (and expires), cart 2's values keep theirs. A function of the
context that lacks a scoped parameter subscribes to the family's "any value"
namespace, which every scoped purge bumps too.

A purge is written before it returns: a cache backend that fails (Redis
killed, paused, cut off from this process) is tried again until
``MIZAN_PURGE_TIMEOUT`` has passed, so the mutation that purges answers only
once no process can serve the value from before it. Past the bound it
answers anyway (its change is made) and says so (``purge`` returns False, the
call's outcome is ``purge_pending``); the purge is kept and replayed by the
cache backend (``mizan_django.cache``), and meanwhile the other processes
may serve what Redis holds. A healthy backend takes the first write: no
extra round trip.

A purge runs at once, so the caller's next read sees the mutation even in a
transaction that never commits (Django's ``TestCase``, pytest-django's
``django_db``, a request that rolls back). Inside an atomic block it runs
again when the transaction commits: a reader on another connection that
recomputed between the two saw pre-commit data and cached it under the
first new version, which the second bump orphans.

Every purge is also pushed to the sockets subscribed to its scopes
(``mizan_django.ws.live``), in every process through the channel layer: at
once outside a transaction, and only when it commits inside one, so a client
that re-fetches on the push reads committed data (a rolled-back transaction
pushes nothing).

``invalidate(target, **scope)`` is the same purge and push for code outside a
server function: a signal, a task, an admin action, a management command.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connections, transaction

from mizan_core.client import ServerFunction
from mizan_core.errors import MizanSetupError
from mizan_core.ir import ProjectIR
from mizan_core.registry import Registry, default_registry
from mizan_core.tokens import namespace_key
from mizan_django import cache
from mizan_django.conf import config
from mizan_django.export import runtime_ir

__all__ = ["Graph", "graph", "invalidate", "invalidate_entries", "namespace_keys", "purge"]

logger = logging.getLogger("mizan_django.cache")

#: (kind, target, scope parameter names)
Family = tuple[str, str, tuple[str, ...]]


@dataclass(frozen=True)
class Graph:
    """The invalidation graph of one registry state."""

    ir: ProjectIR
    #: mutation name -> its affects as (kind, target, scope names)
    affects: Mapping[str, tuple[Family, ...]]
    #: context function name -> families it belongs to, and whether it has every scope param
    subscriptions: Mapping[str, tuple[tuple[Family, bool], ...]]


def _build(ir: ProjectIR) -> Graph:
    affects = {f.name: tuple((a.kind, a.target, a.scope) for a in f.affects)
               for f in ir.functions if f.affects}
    # a form's submit is its mutation: `mizanFormMeta(affects=...)`
    affects.update({f"{form.name}.submit": tuple((a.kind, a.target, a.scope) for a in form.affects)
                    for form in ir.forms if form.affects})
    families = {family for fams in affects.values() for family in fams}
    # every target can be invalidated as a whole (``invalidate(target)``, or a
    # scope no mutation declares), so each reader also belongs to its unscoped family
    families.update(("context", c.name, ()) for c in ir.contexts)
    families.update(("function", f.name, ()) for f in ir.functions if f.context is not None)
    subscriptions: dict[str, tuple[tuple[Family, bool], ...]] = {}
    for fn in ir.functions:
        if fn.context is None:
            continue
        own = {p.name for p in fn.params}
        subscriptions[fn.name] = tuple(
            (family, set(family[2]) <= own)
            for family in sorted(families)
            if (family[0] == "context" and family[1] == fn.context)
            or (family[0] == "function" and family[1] == fn.name)
        )
    return Graph(ir, affects, subscriptions)


_lock = threading.Lock()
_cached: tuple[int, int, Graph] | None = None


def graph(registry: Registry) -> Graph:
    """The graph of ``registry``, rebuilt when a name is claimed or released."""
    global _cached
    current = _cached
    if current is not None and current[0] == id(registry) and current[1] == registry.generation:
        return current[2]
    with _lock:
        built = _build(runtime_ir(registry))
        _cached = (id(registry), registry.generation, built)
    return built


def invalidate_entries(g: Graph, name: str, args: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The protocol's ``invalidate`` list for a call of ``name`` with JSON ``args``."""
    return [
        {"kind": kind, "target": target, "scope": {p: args.get(p) for p in scope}}
        for kind, target, scope in g.affects.get(name, ())
    ]


def namespace_keys(g: Graph, name: str, args: Mapping[str, Any]) -> list[str]:
    """The namespaces a cached value of ``name`` with ``args`` lives under."""
    key = config().cache_key
    return [
        namespace_key(key, kind=kind, target=target, scope=scope,
                      values=args if complete else None)
        for (kind, target, scope), complete in g.subscriptions.get(name, ())
    ]


def _purge_now(entries: list[dict[str, Any]], until: float) -> bool:
    cfg = config()
    keys: list[str] = []
    for entry in entries:
        scope = tuple(entry["scope"])
        for values in (entry["scope"], None):
            keys.append(namespace_key(cfg.cache_key, kind=entry["kind"], target=entry["target"],
                                      scope=scope, values=values))
    if not keys:
        return True
    if cache.backend().bump(keys, _namespace_timeout(), until=until):
        return True
    logger.warning(
        "Mizan: a purge of %s was not written within MIZAN_PURGE_TIMEOUT (%s s); it is kept and "
        "retried, and other processes sharing the cache may serve the values from before it "
        "until it is written", ", ".join(sorted({e["target"] for e in entries})),
        cfg.purge_timeout)
    return False


def _namespace_timeout() -> int:
    return max(2 * config().cache_timeout, 60)


def purge(entries: list[dict[str, Any]], pushed: list[dict[str, Any]] | None = None) -> bool:
    """Orphan the cached values of exactly these scopes now, and again on each commit;
    push ``pushed`` (default: the same entries) to the subscribed sockets.

    Returns once the purge is written, or ``MIZAN_PURGE_TIMEOUT`` seconds later:
    whether it was written (False: it is kept and retried in the background)."""
    if not entries:
        return True
    pushed = entries if pushed is None else pushed
    bound = config().purge_timeout
    written = _purge_now(entries, time.monotonic() + bound)
    pending = [c for c in connections.all(initialized_only=True) if c.in_atomic_block]
    if not pending:
        _push(pushed)
        return written

    def again() -> bool:
        # A backend that did not take the first write within the bound gets one try:
        # the caller has waited once already.
        return _purge_now(entries, time.monotonic() + bound if written else 0.0)

    def committed() -> None:
        again()
        _push(pushed)  # after the purge: a client that re-fetches at once reads fresh values

    transaction.on_commit(committed, using=pending[0].alias)
    for connection in pending[1:]:
        transaction.on_commit(again, using=connection.alias)
    return written


def _push(entries: list[dict[str, Any]]) -> None:
    try:
        from mizan_django.ws.live import push
    except ImportError:  # without Channels there are no sockets to tell
        return
    push(entries)


def invalidate(target: str | ServerFunction[..., Any], /, **scope: Any) -> list[dict[str, Any]]:
    """Invalidate ``target`` (a context name, or a registered ``@client`` function)
    for ``scope``, as a mutation that declares ``affects=target`` does: purge the
    server cache and tell the subscribed clients, in every process; inside a
    transaction, again (and the push only) when it commits. No scope means every
    value of the target. Returns the protocol's entries.

    ``scope`` names parameters of the target (a context's or the function's
    own); their values are written as the wire writes them (pydantic's JSON mode).
    """
    from pydantic_core import to_jsonable_python

    ir = graph(default_registry).ir
    if isinstance(target, ServerFunction):
        names = list(target.registered_names)
        if not names:
            raise MizanSetupError(f"invalidate(): {target!r} is not registered, so no client shows it.")
        kinds = [("function", name) for name in names]
    elif isinstance(target, str) and any(c.name == target for c in ir.contexts):
        kinds = [("context", target)]
    elif isinstance(target, str) and any(f.name == target for f in ir.functions):
        kinds = [("function", target)]
    else:
        known = sorted({c.name for c in ir.contexts})
        raise MizanSetupError(
            f"invalidate(): {target!r} names no context and no registered @client function "
            f"(contexts: {', '.join(known) or 'none'}).")
    entries = []
    for kind, name in kinds:
        params = ({p.name for c in ir.contexts if c.name == name for p in c.params} if kind == "context"
                  else {p.name for f in ir.functions if f.name == name for p in f.params})
        unknown = sorted(set(scope) - params)
        if unknown:
            raise MizanSetupError(
                f"invalidate({name!r}): {', '.join(unknown)} is not a parameter of it "
                f"(its parameters: {', '.join(sorted(params)) or 'none'}).")
        entries.append({"kind": kind, "target": name,
                        "scope": {k: to_jsonable_python(scope[k]) for k in sorted(scope)}})
    g = graph(default_registry)
    purge([_as_family(g, entry) for entry in entries], pushed=entries)
    return entries


def _as_family(g: Graph, entry: dict[str, Any]) -> dict[str, Any]:
    """The purge entry of ``entry`` in a family cached values read: the declared
    family of exactly its scope names, else the target's unscoped family (every
    value of the target is orphaned, which is more than asked, never less)."""
    wanted = set(entry["scope"])
    for family in sorted({f for fams in g.subscriptions.values() for f, _ in fams}):
        if family[:2] == (entry["kind"], entry["target"]) and set(family[2]) == wanted:
            return {**entry, "scope": {name: entry["scope"][name] for name in family[2]}}
    return {**entry, "scope": {}}
