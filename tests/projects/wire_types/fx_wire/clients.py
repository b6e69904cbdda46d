from __future__ import annotations

import datetime as dt
from datetime import date as day
from datetime import timedelta as td
from typing import TYPE_CHECKING, NotRequired, Required

from typing_extensions import TypedDict

# isort: off
from datetime import datetime
import datetime  # noqa: F811  (the last binding wins: `datetime` is the module below)
# isort: on

from fx_wire.records import CheckDict, CheckUpdate, Downtime, Outage
from mizan_django import client, register

if TYPE_CHECKING:
    from datetime import time as day  # never runs: `day` stays the date

    from fx_wire.conf import Conf


class Window(TypedDict, total=False):
    start: Required[datetime.datetime]
    length: td
    label: NotRequired[str]


@client(context="check")
def downtimes(request, name: str, since: dt.timedelta | None = None) -> list[Downtime | Outage]:
    raise NotImplementedError


@client(affects="check")
def update_check(request, name: str, changes: CheckUpdate) -> CheckDict:
    raise NotImplementedError


@client
def window(request, w: Window) -> Window:
    raise NotImplementedError


@client
def spelled(request, when: datetime.datetime, a: td, b: dt.timedelta, d: day) -> list[td]:
    raise NotImplementedError


@client
def tail(request, channel: int, limit: int) -> Conf:
    raise NotImplementedError


register(downtimes, "downtimes")
register(update_check, "update_check")
register(window, "window")
register(spelled, "spelled")
register(tail, "tail")
