"""An enum's members as Python computes them, from the literals its class body declares.

The extractor never imports the user's module, but an enum whose members are
literals (and `auto()`) can be built here with Python's own enum machinery,
so the static side reads what the running server reads: `F = 0.5` in a
`str` enum is `"0.5"` and in an `IntEnum` `0`, `auto()` after a float
follows the interpreter's own rule, a member equal to an earlier one is an
alias, and a Django `TextChoices`/`IntegerChoices` member `A = "a", "Label"`
is `"a"` (its label stripped as Django's metaclass strips it; `auto()` in
`TextChoices` is the member's name). Django itself is not imported: the few
lines of its `ChoicesType` that decide the values are repeated below.
"""

from __future__ import annotations

import enum
import warnings
from typing import Any

__all__ = ["AUTO", "ENUM_BASES", "EnumBuildError", "Label", "member_values"]

#: a member declared `= auto()`
AUTO = object()


class Label(str):
    """A choices label Mizan cannot read (`_("Small")`): a string all the same, as
    Django requires of a label."""


class EnumBuildError(Exception):
    """Python would refuse to create the class (the message says why)."""


class _ChoicesType(enum.EnumType):
    # django.db.models.enums.ChoicesType.__new__, less the labels it keeps
    def __new__(metacls, classname: str, bases: tuple[type, ...],
                classdict: Any, **kwds: Any) -> Any:
        for key in classdict._member_names:
            value = classdict[key]
            if isinstance(value, (list, tuple)) and len(value) > 1 and isinstance(value[-1], str):
                dict.__setitem__(classdict, key, tuple(value[:-1]))
        cls: Any = super().__new__(metacls, classname, bases, classdict, **kwds)
        return enum.unique(cls)


class _Choices(enum.Enum, metaclass=_ChoicesType):
    pass


class _IntegerChoices(_Choices, enum.IntEnum):
    pass


class _TextChoices(_Choices, enum.StrEnum):
    @staticmethod
    def _generate_next_value_(name: str, start: int, count: int, last_values: list[Any]) -> str:
        return name


#: enum base (canonical dotted path) -> the class that computes its members
ENUM_BASES: dict[str, type[enum.Enum]] = {
    "enum.Enum": enum.Enum, "enum.IntEnum": enum.IntEnum, "enum.StrEnum": enum.StrEnum,
    "enum.Flag": enum.Flag, "enum.IntFlag": enum.IntFlag,
    **{f"{module}.{name}": cls for module in ("django.db.models", "django.db.models.enums")
       for name, cls in (("Choices", _Choices), ("IntegerChoices", _IntegerChoices),
                         ("TextChoices", _TextChoices))},
}
#: the most specific base wins when a class names several (`class C(Choices, IntEnum)`)
_ORDER = (_TextChoices, _IntegerChoices, _Choices, enum.IntFlag, enum.Flag, enum.StrEnum,
          enum.IntEnum, enum.Enum)
_MIXINS: dict[str, type] = {"builtins.str": str, "builtins.int": int}


def member_values(bases: list[str], declared: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """(name, value) of each member, in Python's iteration order (aliases left out).

    `bases` are the canonical dotted names of the class's bases (its own and
    those of the project enums it derives from); `declared` the literal value of
    each member in source order, `AUTO` for `auto()`.
    """
    found = {ENUM_BASES[b] for b in bases if b in ENUM_BASES}
    base = next((cls for cls in _ORDER if cls in found), enum.Enum)
    mixin = next((_MIXINS[b] for b in bases if b in _MIXINS), None)
    names = [(name, enum.auto() if value is AUTO else value) for name, value in declared]
    try:
        with warnings.catch_warnings():
            # auto() after a value it cannot add 1 to: Python warns, then decides
            warnings.simplefilter("ignore", DeprecationWarning)
            create: Any = base  # the functional API: Enum("Name", [(name, value), ...])
            built: type[enum.Enum] = create("Declared", names, type=mixin, module=__name__)
    except Exception as error:  # noqa: BLE001  # whatever Python raises, it would raise at import
        raise EnumBuildError(str(error)) from None
    return [(member.name, member.value) for member in built]
