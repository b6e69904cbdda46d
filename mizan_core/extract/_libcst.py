"""libcst, loaded on its first use.

An ordinary file is read from the standard library's syntax tree; libcst
reads only what that reader gives up on, an editor's buffer by piece, and
string annotations. Importing it costs about 0.15 s, a good part of a cold
export that never needs it, so the modules that read with it name it
through `cst` here: the package is imported when an attribute of it is
first looked up, by whichever thread comes first (the others wait for the
import to end, never see it half done), and its names are then copied
onto `cst`, so that later lookups cost what a module's do.
"""

from __future__ import annotations

import importlib
import threading
from typing import Any

__all__ = ["cst"]


class _Deferred:
    def __init__(self, name: str) -> None:
        self.__dict__["_name"] = name
        self.__dict__["_lock"] = threading.Lock()

    def __getattr__(self, attr: str) -> Any:
        with self._lock:
            module = importlib.import_module(self._name)
            self.__dict__.update(vars(module))
        return getattr(module, attr)


cst = _Deferred("libcst")
