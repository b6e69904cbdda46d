"""The values SSR embeds in the page: every global context for one request.

Each global context is one call of ``mizan_django.call.execute`` with no
arguments, as a ``GET`` would make it: the same ``auth=``, context cache and
refusals. A context that refuses or fails is left out of the page (the
client fetches it and gets that error; a failure is logged) and the page
still renders. The page is the request, not the context: a failing context
does not roll back what the page's view wrote under ``ATOMIC_REQUESTS``
(the ``HYDRATION`` transport does not own the transaction).
"""

from __future__ import annotations

from django.http import HttpRequest

from mizan_core.registry import default_registry
from mizan_django.call import HYDRATION, NO_ARGUMENTS, execute, resolve
from mizan_django.errors import MizanRequestError

__all__ = ["global_context_values"]


def global_context_values(request: HttpRequest) -> dict[str, bytes]:
    """``{name: serialised result}`` of the global contexts this request may read."""
    values: dict[str, bytes] = {}
    for name, fn in default_registry.items():
        if fn.meta.context != "global" or fn.meta.is_mutation:
            continue
        try:
            outcome = execute(resolve(name, HYDRATION), request, NO_ARGUMENTS, HYDRATION)
        except MizanRequestError:
            continue
        if outcome.result is not None:
            values[name] = outcome.result
    return values
