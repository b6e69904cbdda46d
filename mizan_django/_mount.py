"""``route=`` paths at the site root, with only the contract's wiring.

The contract's wiring is ``path("api/mizan/", include("mizan_django.urls"))``,
yet ``route="/profile/<int:id>/"`` must answer at ``/profile/7/``. Django has
no hook to add URL patterns from an app, so on each ``request_started`` this
module looks at the active ``ROOT_URLCONF``: the first time it sees that
urlconf (or a new ``urlpatterns`` object in it), it appends
``path("", include("mizan_django.routes"))`` at the end of its
``urlpatterns`` (a new list: resolvers in use keep the old one) and clears
Django's resolver caches, unless the routes are already reachable from the
root (``mizan_django.routes``, or ``mizan_django.urls`` with an empty prefix,
included directly or through other empty-prefix includes). Appended last, the
project's own patterns win, a trailing catch-all included. Every later
request costs two dict lookups and an identity test.

Why not elsewhere: ``AppConfig.ready()`` runs before other apps have
registered their functions and before the admin's autodiscovery, and
importing the project's urlconf there is a known source of import cycles; a
middleware would need wiring the contract does not have. ``request_started``
comes before Django resolves the URL, runs for WSGI, ASGI and the test
client, and reads the setting per request, so ``override_settings`` works. It
comes before middleware too, so a urlconf a middleware sets on
``request.urlconf`` (per host) is not seen: include ``mizan_django.routes``
in such urlconfs yourself. ``resolve()``/``reverse()`` see the root mount only
after the first request.
"""

from __future__ import annotations

import sys
import threading
from importlib import import_module
from typing import Any

from django.conf import settings
from django.urls import URLResolver, clear_url_caches, include, path

__all__ = ["mount_routes_at_root"]

#: the modules whose inclusion at the root already serves the routes there
_ROUTE_MODULES = frozenset({"mizan_django.routes", "mizan_django.urls"})

#: ROOT_URLCONF -> the ``urlpatterns`` object known to serve the routes at the root
_served: dict[Any, object] = {}
_lock = threading.Lock()


def mount_routes_at_root(**signal_kwargs: Any) -> None:
    """``request_started`` receiver: make the active root urlconf serve the routes."""
    urlconf = settings.ROOT_URLCONF
    known = _served.get(urlconf)
    if known is not None and known is _patterns(_loaded(urlconf)):
        return
    try:
        _mount(urlconf)
    except Exception:  # noqa: BLE001  (Django reports a broken urlconf itself, as a 500)
        return


def _loaded(urlconf: Any) -> Any:
    """The urlconf's module if it is imported (a setting may also hold the module itself)."""
    return sys.modules.get(urlconf) if isinstance(urlconf, str) else urlconf


def _patterns(module: Any) -> Any:
    return getattr(module, "urlpatterns", None)


def _mount(urlconf: Any) -> None:
    with _lock:
        module: Any = import_module(urlconf) if isinstance(urlconf, str) else urlconf
        patterns = _patterns(module)
        if patterns is None:
            return  # not a urlconf: Django says so when it resolves
        if not _reaches_routes(patterns) and import_module("mizan_django.routes").urlpatterns:
            patterns = module.urlpatterns = [*patterns, path("", include("mizan_django.routes"))]
            clear_url_caches()
        _served[urlconf] = patterns


def _reaches_routes(patterns: Any) -> bool:
    for entry in patterns:
        if not isinstance(entry, URLResolver) or str(entry.pattern) not in ("", "^"):
            continue
        name = entry.urlconf_name
        if (name if isinstance(name, str) else getattr(name, "__name__", None)) in _ROUTE_MODULES:
            return True
        if _reaches_routes(entry.url_patterns):
            return True
    return False
