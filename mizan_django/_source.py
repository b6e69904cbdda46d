"""Where a class is declared, the way the static extractor sees it.

`ir.Location.line` is the 1-based line of the first decorator, or of the
`class` statement when undecorated; `inspect` finds the same line the
source reader does, as long as the module's source file is available.
"""

from __future__ import annotations

import inspect

from mizan_core.ir import Location, location_file

__all__ = ["class_location"]


def class_location(cls: type) -> Location:
    try:
        _, line = inspect.getsourcelines(cls)
    except (OSError, TypeError):  # no source (a frozen or generated module)
        line = 0
    return Location(location_file(cls.__module__), line)
