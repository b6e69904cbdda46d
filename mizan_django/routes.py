"""URL patterns of the ``route=`` functions, built from the registry.

Included by ``mizan_django.urls``, or on its own at the site root
(``path("", include("mizan_django.routes"))``). The URLconf is imported on
the first request, after every app's ``ready()`` has registered its
functions. A route goes through the same pipeline as ``call/<name>``: the
same auth, CSRF and invalidation; the path's values are its arguments.
"""

from __future__ import annotations

from django.urls import URLPattern, path

from mizan_core.registry import Registry, default_registry
from mizan_django import views

__all__ = ["route_patterns", "urlpatterns"]


def route_patterns(registry: Registry | None = None) -> list[URLPattern]:
    registry = default_registry if registry is None else registry
    return [
        path(fn.meta.route.lstrip("/"), views.route_view(name), name=f"route-{name}")
        for name, fn in registry.items()
        if fn.meta.route is not None
    ]


urlpatterns = route_patterns()
