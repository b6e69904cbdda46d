"""URL patterns of the ``route=`` functions, built from the registry.

Served in two places. Under the include prefix: ``mizan_django.urls``
includes them (``/api/mizan/receipt/7/``). At the site root, as the contract
says (``route="/receipt/<int:order_id>/"`` answers at ``/receipt/7/``) with
no wiring beyond ``include("mizan_django.urls")``: ``mizan_django._mount``
appends ``path("", include("mizan_django.routes"))`` to the end of the root
urlconf on the first request, unless the project already includes this
module (or ``mizan_django.urls`` with an empty prefix) at the root; include
it yourself to choose its place (before a catch-all) or for a urlconf set
per request by middleware. The URLconf is imported on the first request,
after every app's ``ready()`` has registered its functions. A route goes
through the same pipeline as ``call/<name>``: the same auth, CSRF and
invalidation; the path's values are its arguments.

A route Django cannot parse is left out rather than breaking the project's
URLconf import: ``manage.py check`` reports it as ``mizan.E004``.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern, path

from mizan_core.registry import Registry, default_registry
from mizan_django import views

__all__ = ["route_patterns", "urlpatterns"]


def route_patterns(registry: Registry | None = None) -> list[URLPattern]:
    registry = default_registry if registry is None else registry
    patterns: list[URLPattern] = []
    for name, fn in registry.items():
        if fn.meta.route is None:
            continue
        try:
            patterns.append(path(fn.meta.route.lstrip("/"), views.route_view(name),
                                 name=f"route-{name}"))
        except ImproperlyConfigured:
            continue  # mizan.E004 says why; the rest of the site keeps working
    return patterns


urlpatterns = route_patterns()
