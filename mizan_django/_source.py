"""Where a function or class is declared, the way the static extractor sees it.

`ir.Location.file` is the module's path relative to its source root
(`shop/clients.py`, or `shop/__init__.py` for a package); `line` is the
1-based line of the first decorator, or of the `def`/`class` statement when
undecorated. `inspect` and `co_firstlineno` find the same line the source
reader does, as long as the module's source file is available.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from typing import Any

from mizan_core.ir import Location, location_file

__all__ = ["class_location", "function_location"]


def function_location(func: Callable[..., Any]) -> Location:
    return Location(module_file(func.__module__), func.__code__.co_firstlineno)


def class_location(cls: type) -> Location:
    try:
        _, line = inspect.getsourcelines(cls)
    except (OSError, TypeError):  # no source (a frozen or generated module)
        line = 0
    return Location(module_file(cls.__module__), line)


def module_file(module: str) -> str:
    # A package's code lives in its `__init__.py`; only the module object knows.
    is_package = hasattr(sys.modules.get(module), "__path__")
    return location_file(module, is_package=is_package)
