"""``from mizan_django.setup.registry import register``: the original system's path.

The same ``register`` and registry as ``mizan_django.register``.
"""

from __future__ import annotations

from mizan_core.registry import Registry, default_registry, register

__all__ = ["Registry", "default_registry", "register"]
