"""libcst, loaded on its first use.

An ordinary file is read from the standard library's syntax tree; libcst
reads only what that reader gives up on, an editor's buffer by piece, and
string annotations. Importing it costs about 0.15 s, a good part of a cold
export that never needs it, so the modules that read with it name it
through `cst` here: the package is executed when an attribute of it is
first looked up.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

__all__ = ["cst"]


def _lazy(name: str) -> ModuleType:
    loaded = sys.modules.get(name)
    if loaded is not None:
        return loaded
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ImportError(f"{name} is not installed")
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


cst = _lazy("libcst")
