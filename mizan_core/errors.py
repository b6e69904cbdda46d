"""Exceptions raised by Mizan's framework-free core.

Mistakes in how server functions are declared (a typo in ``auth=``, a name
registered twice) should stop the program when the module is imported, with a
message that says what to change, rather than surface later as a confusing
error on the first request. They all derive from :class:`MizanSetupError`, so
a caller can catch "the project is mis-declared" in one place.
"""

from __future__ import annotations

__all__ = ["MizanDuplicateError", "MizanError", "MizanSetupError"]


class MizanError(Exception):
    """Base class of every exception Mizan raises on purpose."""


class MizanSetupError(MizanError):
    """A server function, form or channel is declared or registered wrongly."""


class MizanDuplicateError(MizanSetupError):
    """Two different objects claim the same public name (``mizan-duplicate``)."""
