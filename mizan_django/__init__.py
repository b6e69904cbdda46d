"""Mizan's Django runtime: serves ``@client`` functions to the generated client.

The everyday surface::

    from mizan_django import client, register, mizan_clients, wrap_asgi, invalidate

``client`` and ``register`` are ``mizan_core``'s own objects (one registry,
``mizan_core.default_registry``). The original system's module paths still work:
``from mizan_django.client import client`` and
``from mizan_django.setup import register, mizan_clients``. (The name
``client`` here is the decorator; the submodule ``mizan_django.client`` is
still importable with ``from mizan_django.client import ...``.)

Wiring: ``INSTALLED_APPS += ["mizan_django"]`` and
``path("api/mizan/", include("mizan_django.urls"))``.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from mizan_core.client import ServerFunction, client
from mizan_core.registry import register
from mizan_django.asgi import wrap_asgi
from mizan_django.setup import mizan_clients

__all__ = ["client", "invalidate", "mizan_clients", "register", "wrap_asgi"]


def invalidate(target: str | ServerFunction[..., Any], /, **scope: Any) -> None:
    """Invalidate a context or ``@client`` function for ``scope``, from any code:
    purge the server cache and push to the subscribed clients
    (``mizan_django.invalidation.invalidate``, which also returns the entries).

    It returns nothing, like ``register``: the statement
    ``invalidate("cart", cart_id=1)`` is the whole usage, and a checker's
    unused-result rule has nothing to report."""
    # Imported on use: settings modules import this package before Django is set up.
    from mizan_django.invalidation import invalidate as run

    run(target, **scope)


class _Package(types.ModuleType):
    """Keeps ``mizan_django.client`` the decorator once the submodule is imported.

    Importing a submodule sets it as an attribute of its package, so
    ``import mizan_django.client`` would otherwise turn ``mizan_django.client``
    (and every later ``from mizan_django import client``) into the module.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name == "client" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
