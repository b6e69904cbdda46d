"""The values SSR embeds in the page: every global context for one request.

Each global context is computed as a ``GET`` would compute it: its ``auth=``,
the context cache, and the pipeline's own call (``pipeline.run_function``), which
turns ``PermissionDenied``, ``Http404`` and Django's ``ValidationError`` into
the request error the client would get. Such a context is left out of the
page (the client fetches it and gets that error); the page still renders.

The pipeline marks the transaction for rollback when a call fails, because
there the failed call is the whole request. Here the request is the page, so
that mark is undone: a global context that refuses must not roll back what
the page's view wrote under ``ATOMIC_REQUESTS``.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import connections, transaction
from django.http import HttpRequest

from mizan_core.registry import default_registry
from mizan_django import auth
from mizan_django._plan import Plan, plan_for
from mizan_django.contexts import context_value
from mizan_django.errors import MizanRequestError
from mizan_django.invalidation import graph
from mizan_django.pipeline import run_function

__all__ = ["global_context_values"]


def global_context_values(request: HttpRequest) -> dict[str, bytes]:
    """``{name: serialised result}`` of the global contexts this request may read."""
    g = graph(default_registry)
    values: dict[str, bytes] = {}
    for name, fn in default_registry.items():
        if fn.meta.context != "global" or fn.meta.is_mutation:
            continue
        plan = plan_for(name, fn)
        if plan.view_path:
            continue
        try:
            auth.check_access(plan.meta.auth, request)
            args = plan.validate_json(b"{}")
            value = context_value(request, plan, args, g,
                                  compute=partial(_compute, plan, request, args))
        except MizanRequestError:
            continue
        values[name] = value.result
    return values


def _compute(plan: Plan, request: HttpRequest, args: Any) -> bytes:
    marked = {connection.alias: connection.needs_rollback
              for connection in connections.all(initialized_only=True)
              if connection.in_atomic_block}
    try:
        result = run_function(plan, request, args)
    except MizanRequestError:
        for alias, needs_rollback in marked.items():
            transaction.set_rollback(needs_rollback, using=alias)
        raise
    return plan.dump_result(result)
