"""mypy plugin for Mizan: `plugins = ["mizan_mypy"]` in mypy's configuration.

It reports the diagnostics of `mizan check` that belong to type checking as
mypy errors with the catalogue's codes (`[mizan-affects]`, ...), so CI needs
no Django and no extra step. See docs/mypy.md.
"""

from __future__ import annotations

from .plugin import MizanPlugin, plugin

__all__ = ["MizanPlugin", "plugin"]
