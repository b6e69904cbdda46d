"""The values SSR embeds in the page: every global context for one request."""

from __future__ import annotations

from django.http import HttpRequest

from mizan_core.registry import default_registry
from mizan_django import auth
from mizan_django._plan import plan_for
from mizan_django.contexts import context_value
from mizan_django.errors import MizanRequestError
from mizan_django.invalidation import graph

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
                                  compute=lambda plan=plan: plan.dump_result(plan.fn(request)))
        except MizanRequestError:
            continue
        values[name] = value.result
    return values
