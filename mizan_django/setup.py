"""The seed's module path for wiring: ``register`` and ``mizan_clients``.

``register`` is ``mizan_core.register`` itself (one registry:
``mizan_core.default_registry``).
"""

from __future__ import annotations

import importlib
import importlib.util

from mizan_core.errors import MizanSetupError
from mizan_core.registry import register

__all__ = ["mizan_clients", "register"]


def mizan_clients(*apps: str) -> None:
    """Import ``<app>/clients.py`` for each app, so its ``register(...)`` calls run.

    Call it from your ``AppConfig.ready()``: ``mizan_clients("shop")``. An app
    without a ``clients`` module is a setup error (the typo would otherwise
    silently serve nothing); errors inside the module propagate unchanged.
    """
    for app in apps:
        if not isinstance(app, str) or not app:
            raise MizanSetupError(f"mizan_clients() takes app module names; got {app!r}.")
        module = f"{app}.clients"
        try:
            found = importlib.util.find_spec(module)
        except ModuleNotFoundError:
            found = None
        if found is None:
            raise MizanSetupError(
                f"mizan_clients({app!r}): there is no module {module!r}; create {app}/clients.py "
                "or pass the name of an installed app package."
            )
        importlib.import_module(module)
