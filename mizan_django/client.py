"""The original system's module path for the decorator: ``from mizan_django.client import client``.

``client`` is ``mizan_core.client`` itself, so the runtime and the static
tools share one definition of a server function.
"""

from __future__ import annotations

from mizan_core.client import ClientMeta, ServerFunction, client

__all__ = ["ClientMeta", "ServerFunction", "client"]
