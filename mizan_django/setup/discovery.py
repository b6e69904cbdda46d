"""``mizan_clients("app")``: import the modules of an app that declare Mizan's parts.

An app's ``clients``, ``forms`` and ``channels`` modules (each a module or a
package, in that order, each when it exists) are imported so that their
``register(...)`` calls, forms and channels take effect. The static tools
model exactly these imports (``mizan_core.ir.declarations.AUTODISCOVERED``):
what lives in a module that nothing imports is in neither IR and is reported
as ``mizan-unreachable``.
"""

from __future__ import annotations

import importlib
import importlib.util

from mizan_core.errors import MizanSetupError
from mizan_core.ir.declarations import AUTODISCOVERED

__all__ = ["mizan_clients"]


def _exists(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a parent that is not a package, or an empty name part
        return False


def mizan_clients(*apps: str) -> None:
    """Import ``<app>.clients``, ``<app>.forms`` and ``<app>.channels`` for each app.

    Call it from your ``AppConfig.ready()``: ``mizan_clients("shop")``. An app
    with none of the three modules, or that cannot be imported, is a setup
    error (a typo would otherwise silently serve nothing); errors inside the
    modules propagate unchanged.
    """
    for app in apps:
        if not isinstance(app, str) or not app:
            raise MizanSetupError(f"mizan_clients() takes app module names; got {app!r}.")
        if not _exists(app):
            raise MizanSetupError(
                f"mizan_clients({app!r}): there is no module {app!r}; pass the dotted name of an "
                "installed app package, as in INSTALLED_APPS."
            )
        found = [f"{app}.{part}" for part in AUTODISCOVERED if _exists(f"{app}.{part}")]
        if not found:
            names = ", ".join(f"{app}/{part}.py" for part in AUTODISCOVERED)
            raise MizanSetupError(
                f"mizan_clients({app!r}): the app has no module {app}.clients, {app}.forms or "
                f"{app}.channels; create one of {names} (or a package of that name)."
            )
        for module in found:
            importlib.import_module(module)
