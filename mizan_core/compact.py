"""`Compact`: a base for frozen, slotted dataclasses that pickle cheaply.

The extractor caches its per-file facts and its source sites on disk, and
hands facts between processes: hundreds of thousands of small records per
project, read back far more often than written. A `Compact` record pickles
as its class and its field values in order, with no per-object state to
rebuild: smaller, and quicker to load than a slotted dataclass's default.

A subclass must be a dataclass (its `__match_args__`, which the dataclass
decorator writes, lists the fields the constructor takes back, in order).
"""

from __future__ import annotations

from typing import ClassVar

__all__ = ["Compact"]


class Compact:
    """Pickles as `(class, field values)`: the constructor rebuilds the record."""

    __slots__ = ()
    __match_args__: ClassVar[tuple[str, ...]]  # the dataclass's fields, in order

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (type(self), tuple(getattr(self, name) for name in self.__match_args__))
