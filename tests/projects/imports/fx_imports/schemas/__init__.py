from mizan_django import client, register

from .inner import Thing as Thing
from .shapes import *  # noqa: F403


@client
def package_level(request, n: int) -> int:
    """Defined in a package's `__init__.py`: that is the file its location names."""
    return n


register(package_level, "package_level")
