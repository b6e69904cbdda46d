"""mypy plugin for Mizan: `plugins = ["mizan_mypy"]` in mypy's configuration.

It reports the diagnostics of `mizan check` that belong to type checking as
mypy errors with the catalogue's codes (`[mizan-affects]`, ...), so CI needs
no Django and no extra step. See docs/mypy.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._plugin import MizanPlugin

__all__ = ["MizanPlugin", "plugin"]


def plugin(version: str) -> type[MizanPlugin]:
    """mypy's entry point for `plugins = ["mizan_mypy"]`.

    The plugin class (and mypy with it) is imported here, not at package
    import: the plugin's index helper (`python -m mizan_mypy._indexer`) runs
    beside mypy and should start indexing without importing mypy first.
    """
    # The codes must exist before mypy checks `disable_error_code` and
    # `enable_error_code`, which it does once the plugins are loaded, even
    # for a project whose hooks never run.
    from . import errorcodes  # noqa: F401
    from ._plugin import MizanPlugin

    return MizanPlugin


def __getattr__(name: str) -> Any:
    if name == "MizanPlugin":
        from ._plugin import MizanPlugin

        return MizanPlugin
    raise AttributeError(f"module 'mizan_mypy' has no attribute {name!r}")
