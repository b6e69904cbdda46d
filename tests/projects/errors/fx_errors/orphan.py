"""No module the runtime imports imports this one."""

from mizan_django import client, register


@client
def orphan(request) -> int:  # mizan-unreachable
    return 0


register(orphan, "orphan")
