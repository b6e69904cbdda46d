import datetime
import enum
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel

from mizan_django import client, register

T = TypeVar("T")


class Mode(str, enum.Enum):
    A = "a"


class Page(BaseModel, Generic[T]):
    items: list[T]


@client
def modes(request) -> Page[Literal["a", "b"]]:
    raise NotImplementedError


@client
def times(request) -> Page[datetime.time]:
    raise NotImplementedError


@client
def enums(request) -> Page[Mode]:
    raise NotImplementedError


@client
def anything(request) -> Page[Any]:
    raise NotImplementedError


register(anything, "anything")
register(modes, "modes")
register(times, "times")
register(enums, "enums")
