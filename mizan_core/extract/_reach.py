"""Which modules the running project imports: the part of the source the IR describes.

At run time a `@client` function, form or channel exists only if its module
is imported. Mizan's own import is `mizan_clients("app")`
(`mizan_django.setup`), which imports the app's `clients`, `forms` and
`channels` modules (`ir.declarations.AUTODISCOVERED`); Django imports, for
every installed app, its package, its `apps` module and its `models`
module. So the runtime modules are, for each app named in a
`mizan_clients(...)` call anywhere in the project: those six modules when
they exist, the module making the call, and everything they import from
the project, transitively (an import inside a function body counts: it is
how `AppConfig.ready()` imports; importing a module imports its parent
packages). A project with no `mizan_clients(...)` call gives no model of
its imports, and every module counts.

Imports are read from statements anywhere in a file (a module-level
`import`, one in `ready()`, one under `if TYPE_CHECKING:` alike), which is
what a reader can know without running the code.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Collection, Iterable
from typing import Any

import libcst as cst

from mizan_core.ir.declarations import AUTODISCOVERED

from ._imports import absolute_module

__all__ = ["UNKNOWN_APP", "imports_from_text", "imports_from_tree", "runtime_modules"]

#: The modules Django imports for an installed app, besides its package.
_DJANGO_IMPORTS = ("apps", "models")
_DISCOVER = "mizan_clients"
#: An app given as anything but a string literal (`mizan_clients(*APPS)`).
UNKNOWN_APP = "*"


def _dotted(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = _dotted(node.value)
        return None if head is None else f"{head}.{node.attr.value}"
    return None


class _Collector:
    def __init__(self, module: str, is_package: bool) -> None:
        self.module = module
        self.is_package = is_package
        self.imported: list[str] = []
        self.apps: list[str] = []

    def add_from(self, level: int, target: str, names: Iterable[str]) -> None:
        base = absolute_module(self.module, self.is_package, level, target)
        if base is None:
            return
        self.imported.append(base)
        self.imported.extend(f"{base}.{name}" for name in names)  # submodules, when they are

    def result(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return tuple(dict.fromkeys(self.imported)), tuple(dict.fromkeys(self.apps))


def imports_from_tree(tree: cst.Module, module: str,
                      is_package: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(modules named by import statements anywhere, apps named by `mizan_clients(...)`).

    Only statements are visited (every block of every compound statement,
    function and class bodies included), never expressions: this runs on
    every file the extractor parses."""
    found = _Collector(module, is_package)
    stack: list[Any] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, cst.SimpleStatementLine):
            for small in node.body:
                _small(small, found)
        elif isinstance(node, cst.BaseCompoundStatement):
            stack.extend(_blocks(node))
    return found.result()


def _blocks(node: cst.BaseCompoundStatement) -> list[Any]:
    """The statements directly inside a compound statement, all its branches."""
    out: list[Any] = []
    parts: list[Any] = [getattr(node, "body", None)]  # a `match` has only cases
    for name in ("orelse", "finalbody"):
        extra = getattr(node, name, None)
        if extra is not None:
            parts.append(extra if isinstance(extra, cst.If) else extra.body)
    parts.extend(h.body for h in getattr(node, "handlers", ()))
    parts.extend(c.body for c in getattr(node, "cases", ()))
    for part in parts:
        if isinstance(part, cst.If):
            out.append(part)
        elif isinstance(part, cst.IndentedBlock):
            out.extend(part.body)
        elif isinstance(part, cst.SimpleStatementSuite):
            out.append(cst.SimpleStatementLine(body=part.body))
    return out


def _small(small: cst.BaseSmallStatement, found: _Collector) -> None:
    if isinstance(small, cst.Import):
        found.imported.extend(d for d in (_dotted(a.name) for a in small.names) if d)
    elif isinstance(small, cst.ImportFrom):
        target = _dotted(small.module) if small.module is not None else ""
        names = () if isinstance(small.names, cst.ImportStar) else \
            [n for n in (_dotted(a.name) for a in small.names) if n]
        found.add_from(len(small.relative), target or "", names)
    elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
        head = _dotted(small.value.func)
        if head is not None and head.rsplit(".", 1)[-1] == _DISCOVER:
            for arg in small.value.args:
                value = arg.value.evaluated_value \
                    if isinstance(arg.value, cst.SimpleString) else None
                found.apps.append(value if isinstance(value, str) and not arg.star
                                  else UNKNOWN_APP)


def imports_from_text(text: str, module: str,
                      is_package: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The same as `imports_from_tree`, for a file the extractor never parsed
    (it mentions nothing of Mizan's): read with the standard library's parser."""
    found = _Collector(module, is_package)
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return (), ()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.imported.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.add_from(node.level, node.module or "", [a.name for a in node.names
                                                           if a.name != "*"])
    return found.result()


def _with_parents(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def runtime_modules(modules: Collection[str],
                    imports_of: Callable[[str], tuple[str, ...]],
                    discoveries: Iterable[tuple[str, tuple[str, ...]]]) -> set[str] | None:
    """The project modules the runtime imports, or None when no `mizan_clients`
    call says, or one names an app that is not a string literal (then every
    module counts).

    `modules`: every module of the project; `imports_of(m)`: what `m` imports;
    `discoveries`: `(calling module, apps it names)` for each module that
    calls `mizan_clients`.
    """
    roots: list[str] = []
    any_call = False
    for caller, apps in discoveries:
        any_call = True
        roots.append(caller)
        for app in apps:
            roots.append(app)
            roots.extend(f"{app}.{part}" for part in (*_DJANGO_IMPORTS, *AUTODISCOVERED))
    if not any_call or UNKNOWN_APP in roots:
        return None
    seen: set[str] = set()
    stack = [m for root in roots for m in _with_parents(root) if m in modules]
    while stack:
        module = stack.pop()
        if module in seen:
            continue
        seen.add(module)
        for name in imports_of(module):
            stack.extend(m for m in _with_parents(name) if m in modules and m not in seen)
    return seen
