import enum
from enum import Enum, IntEnum


class Color(str, Enum):
    """Colours by name."""

    RED = "red"
    GREEN = "green"
    CRIMSON = "red"  # an alias: not a member of its own


class Level(IntEnum):
    LOW = 1
    HIGH = 10


class Auto(enum.Enum):
    FIRST = enum.auto()
    SECOND = enum.auto()
