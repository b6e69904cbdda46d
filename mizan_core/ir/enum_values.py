"""Which enum members the IR holds: one rule for the extractor and the runtime.

An enum's members are the values Python gives them (after a `str` or `int`
mixin converted them, `auto()` numbered them, Django's choices stripped their
labels); of those, the IR keeps a member whose value is a string or an integer
(a bool is one) and leaves out any other (a float, a tuple, None), so that the
IR never holds a value TypeScript and KDL would read differently.
"""

from __future__ import annotations

from typing import TypeGuard

__all__ = ["is_member_value"]


def is_member_value(value: object) -> TypeGuard[str | int]:
    """Whether a member with this (Python-computed) value is in the IR's `EnumDef`."""
    return isinstance(value, (str, int))
