"""Dataclasses and TypedDicts, with their annotations evaluated at class creation."""

import dataclasses
from dataclasses import dataclass, field
from datetime import timedelta
from typing import ClassVar, Literal, NotRequired, Required

from typing_extensions import TypedDict  # pydantic needs it before Python 3.12


@dataclass
class Downtime:
    """One stretch of downtime."""

    duration: timedelta
    count: int = 0
    notes: list[str] = field(default_factory=list)
    _source: str = "probe"
    kind: ClassVar[str] = "downtime"
    scale: dataclasses.InitVar[int] = 1


@dataclasses.dataclass(eq=False)
class Outage(Downtime):
    reason: str = ""
    count: int = 1


class CheckDict(TypedDict):
    name: str
    tags: NotRequired[list[str]]


class CheckUpdate(CheckDict, total=False):
    """What a client may change."""

    grace: timedelta
    status: Required[Literal["up", "down"]]
