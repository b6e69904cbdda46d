from collections.abc import AsyncIterator

from mizan_core import MizanSetupError
from mizan_django import client, register


@client(context="totals")
def total(request) -> int:
    return 0


# @client raises MizanSetupError on each of these when the module is imported;
# catching it keeps the module importable, and neither function is served.
try:
    @client(affects="totals")
    async def total_later(request) -> int:  # mizan-async
        return 0

    register(total_later, "total_later")
except MizanSetupError:
    pass

try:
    @client
    async def totals_stream(request) -> AsyncIterator[int]:  # mizan-async
        yield 0

    register(totals_stream, "totals_stream")
except MizanSetupError:
    pass


register(total, "total")
