from typing import AbstractSet

from mizan_django import client, register

from .aliases import Step, Steps, Thing


@client
def pick(request, step: AbstractSet[Step], steps: Steps) -> tuple[Step, ...]:
    raise NotImplementedError


@client
def opaque(request, things: list[Thing]) -> dict[str, Steps]:
    raise NotImplementedError


register(pick, "pick")
register(opaque, "opaque")
