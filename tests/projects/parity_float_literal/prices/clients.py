import enum
from typing import Literal

from mizan_django import client, register


class Rate(enum.Enum):
    LOW = 1
    HALF = 0.5
    PAIR = [1, 2]
    HIGH = "high"


@client
def scale(request, factor: Literal[1.5, 2]) -> Literal["ok"]:
    raise NotImplementedError


@client
def rate(request, rate: Rate) -> Literal[1, 2.5]:
    raise NotImplementedError


register(scale, "scale")
register(rate, "rate")
