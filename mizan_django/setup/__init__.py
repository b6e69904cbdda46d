"""The original system's module path for wiring: ``register`` and ``mizan_clients``.

``register`` is ``mizan_core.register`` itself (one registry:
``mizan_core.default_registry``); ``mizan_django.setup.registry`` is the
original system's path for it.
"""

from __future__ import annotations

from mizan_core.registry import register
from mizan_django.setup.discovery import mizan_clients

__all__ = ["mizan_clients", "register"]
