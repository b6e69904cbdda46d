"""Django views: thin doors into ``pipeline.handle``.

They are CSRF-exempt for Django's middleware only because the pipeline makes
the decision itself (bearer requests carry no cookie; cookie-authenticated
unsafe requests are checked there with Django's own CSRF logic).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.views.decorators.csrf import csrf_exempt

from mizan_django.pipeline import handle

__all__ = ["call", "route_view"]


@csrf_exempt
def call(request: HttpRequest, name: str) -> HttpResponseBase:
    """``POST|GET <base>/call/<name>``."""
    return handle(request, name)


def route_view(name: str) -> Callable[..., HttpResponseBase]:
    """The view of a ``route=`` path for the function registered as ``name``."""

    @csrf_exempt
    def view(request: HttpRequest, **path_args: Any) -> HttpResponseBase:
        return handle(request, name, path_args)

    view.__name__ = view.__qualname__ = f"mizan_route_{name.replace('.', '_')}"
    return view
