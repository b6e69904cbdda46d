"""A server function's annotations, resolved one at a time, as source reads them.

``typing.get_type_hints`` resolves every annotation of a function at once and
gives up on the first it cannot: one return type imported only under
``if TYPE_CHECKING:`` (with ``from __future__ import annotations``) would
leave every parameter without a type, and so without validation. Here each
annotation is resolved on its own, in the module's globals and, for the names
still missing, in the names the module imports under ``TYPE_CHECKING`` (the
static extractor reads those imports like any other). By the time a function
is served every module is loaded, so importing them then does not run into
the import cycle they were guarded against.

What still cannot be resolved is reported, never dropped: the exporter puts
its source spelling in the IR, the argument model refuses to be built, and a
system check stops the server from starting (``mizan_django._type_checks``).
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import importlib
import importlib.util
import inspect
import sys
import types
import typing
from dataclasses import dataclass, field
from typing import Any

from mizan_core.errors import MizanSetupError

__all__ = ["Hints", "UnresolvedAnnotations", "function_hints", "type_checking_names",
           "unresolved_message"]


@dataclass(frozen=True)
class Hints:
    """``types``: name -> resolved annotation; ``unresolved``: name -> (its
    source spelling, why it failed); ``partial``: an unresolved annotation
    with each name that is bound nowhere left a ``ForwardRef`` (the IR's
    ``unknown`` where source shows the name: ``list[Missing]`` is a list).
    Names are parameters and ``return``."""

    types: dict[str, Any] = field(default_factory=dict)
    unresolved: dict[str, tuple[str, str]] = field(default_factory=dict)
    partial: dict[str, Any] = field(default_factory=dict)


class _One:
    """Something ``typing.get_type_hints`` accepts that holds one annotation."""

    def __init__(self, name: str, annotation: object) -> None:
        self.__annotations__ = {name: annotation}


def _spelling(annotation: object) -> str:
    if isinstance(annotation, str):
        return annotation
    if isinstance(annotation, typing.ForwardRef):
        return annotation.__forward_arg__
    return repr(annotation).removeprefix("typing.")


class _Unbound(dict[str, Any]):
    """Local names for ``eval``: what the module does not bind is a ``ForwardRef``."""

    def __init__(self, namespace: dict[str, Any]) -> None:
        super().__init__()
        self.namespace = namespace

    def __missing__(self, key: str) -> Any:
        if key in self.namespace:
            return self.namespace[key]
        if hasattr(builtins, key):
            return getattr(builtins, key)
        return typing.ForwardRef(key)


def _resolve(name: str, annotation: object, namespace: dict[str, Any],
             local: dict[str, Any] | None = None) -> Any:
    return typing.get_type_hints(_One(name, annotation), globalns=namespace, localns=local,
                                 include_extras=True)[name]


def function_hints(func: Any) -> Hints:
    """Every annotation of ``func``, each resolved on its own."""
    while hasattr(func, "__wrapped__"):
        func = func.__wrapped__
    try:
        annotations = dict(getattr(func, "__annotations__", None) or {})
    except Exception as error:  # noqa: BLE001  (an annotation that fails when evaluated)
        return Hints(unresolved={"return": ("<annotations>", str(error))})
    module_globals: dict[str, Any] = getattr(func, "__globals__", {})
    found = Hints()
    extra: dict[str, Any] | None = None
    for name, annotation in annotations.items():
        try:
            found.types[name] = _resolve(name, annotation, module_globals)
            continue
        except Exception as error:  # noqa: BLE001  (NameError, SyntaxError, TypeError...)
            first = error
        if extra is None:
            extra = {**type_checking_names(module_globals.get("__name__", "")), **module_globals}
        try:
            found.types[name] = _resolve(name, annotation, extra)
        except Exception:  # noqa: BLE001
            found.unresolved[name] = (_spelling(annotation), f"{type(first).__name__}: {first}")
            with contextlib.suppress(Exception):
                found.partial[name] = _resolve(name, annotation, extra, _Unbound(extra))
    return found


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _guarded_imports(body: list[ast.stmt], guarded: bool) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []
    for stmt in body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)) and guarded:
            found.append(stmt)
        elif isinstance(stmt, ast.If):
            found += _guarded_imports(stmt.body, guarded or _is_type_checking(stmt.test))
            found += _guarded_imports(stmt.orelse, guarded)
        elif isinstance(stmt, ast.Try):
            for block in (stmt.body, *(h.body for h in stmt.handlers), stmt.orelse,
                          stmt.finalbody):
                found += _guarded_imports(block, guarded)
    return found


def _bind(stmt: ast.Import | ast.ImportFrom, package: str | None, out: dict[str, Any]) -> None:
    if isinstance(stmt, ast.Import):
        for alias in stmt.names:
            with contextlib.suppress(Exception):
                module = importlib.import_module(alias.name)
                if alias.asname:
                    out[alias.asname] = module
                else:
                    head = alias.name.partition(".")[0]
                    out[head] = sys.modules[head]
        return
    with contextlib.suppress(Exception):
        base = importlib.util.resolve_name("." * stmt.level + (stmt.module or ""), package)
        module = importlib.import_module(base)
        for alias in stmt.names:
            if alias.name == "*":
                continue
            local = alias.asname or alias.name
            if hasattr(module, alias.name):
                out[local] = getattr(module, alias.name)
            else:
                with contextlib.suppress(Exception):
                    out[local] = importlib.import_module(f"{base}.{alias.name}")


_read: dict[str, tuple[types.ModuleType, dict[str, Any]]] = {}


def type_checking_names(module_name: str) -> dict[str, Any]:
    """The names ``module_name`` imports under ``if TYPE_CHECKING:``, imported now
    (once per module object: a re-imported module is read again)."""
    module = sys.modules.get(module_name)
    if not isinstance(module, types.ModuleType):
        return {}
    known = _read.get(module_name)
    if known is not None and known[0] is module:
        return known[1]
    _read[module_name] = (module, names := _import_guarded(module, module_name))
    return names


def _import_guarded(module: types.ModuleType, module_name: str) -> dict[str, Any]:
    try:
        tree = ast.parse(inspect.getsource(module))
    except Exception:  # noqa: BLE001  (no source: nothing to read)
        return {}
    package = module.__package__ or module_name.rpartition(".")[0] or None
    out: dict[str, Any] = {}
    for stmt in _guarded_imports(tree.body, False):
        _bind(stmt, package, out)
    return out


class UnresolvedAnnotations(MizanSetupError):
    """A served function has an annotation the runtime cannot resolve."""

    def __init__(self, name: str, qualname: str, unresolved: dict[str, tuple[str, str]]) -> None:
        self.problems = [unresolved_message(name, qualname, what, text, why)
                         for what, (text, why) in unresolved.items()]
        super().__init__(" ".join(self.problems))


def unresolved_message(name: str, qualname: str, what: str, text: str, why: str) -> str:
    where = "its return annotation" if what == "return" else f"the annotation of parameter {what!r}"
    return (f"{name!r} ({qualname}): {where}, {text!r}, cannot be resolved at run time ({why}), "
            "so Mizan cannot validate or serialise it.")
