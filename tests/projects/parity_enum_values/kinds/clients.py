import enum

from django.db import models
from django.utils.translation import gettext_lazy as _

from mizan_django import client, register


class Half(str, enum.Enum):
    A = "a"
    F = 0.5
    N = 3


class Whole(enum.IntEnum):
    A = 1
    F = 2.5
    G = 1.5  # int(1.5) is 1: an alias of A
    S = "7"


class AfterFloat(enum.Enum):
    A = 1
    F = 2.5
    B = enum.auto()  # 3.5: left out


class AfterSmallFloat(enum.Enum):
    A = 3
    F = 0.5
    B = enum.auto()


class Size(models.TextChoices):
    SMALL = "s", "Small"
    MEDIUM = "m", _("Medium")
    LARGE = "l"
    AUTO = enum.auto()


class Count(models.IntegerChoices):
    ONE = 1, "One"
    TWO = 2


class Lower(enum.StrEnum):
    A = enum.auto()
    B = "b"


class Text(str, enum.Enum):
    pass


class Named(Text):
    X = 1
    Y = "y"


class Bits(enum.Flag):
    R = enum.auto()
    W = enum.auto()
    RW = 3


@client
def pick(request, half: Half, whole: Whole, after: AfterFloat, small: AfterSmallFloat,
         size: Size, count: Count, lower: Lower, named: Named, bits: Bits) -> None:
    raise NotImplementedError


register(pick, "pick")
