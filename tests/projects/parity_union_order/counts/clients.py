from typing import Iterable, Union  # noqa: UP035 - typing's alias is the one cached

from mizan_django import client, register


# typing caches `typing.Iterable[...]` by equality, and the two unions are equal:
# at run time the second function reads as the first was written.
@client
def first(request, values: Iterable[Union[int, bool]]) -> int:  # noqa: UP007
    raise NotImplementedError


@client
def second(request, values: Iterable[bool | int]) -> Union[str, int, None]:  # noqa: UP007
    raise NotImplementedError


register(first, "first")
register(second, "second")
