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
what a reader can know without running the code. `from pkg import name`
imports the submodule `pkg.name` only when `pkg/__init__` does not bind
`name` itself (Python looks the attribute up first), so such an import is
kept as `pkg:name` and decided when followed.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from mizan_core.ir.declarations import AUTODISCOVERED
from mizan_core.rules.sites import Span

from ._imports import absolute_module

if TYPE_CHECKING:
    import libcst as cst
else:
    from ._libcst import cst  # loaded on first use

__all__ = ["UNKNOWN_APP", "TextImports", "imports_before_binding", "imports_from_text",
           "imports_from_tree", "reached_from", "runtime_modules"]

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
        self.imported.extend(f"{base}:{name}" for name in names)  # submodules, when they are

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


class TextImports(NamedTuple):
    imported: tuple[str, ...]
    discovers: tuple[str, ...]
    # Python's message and position when the file does not parse: importing
    # it fails at run time, so a module the runtime reaches reports it.
    syntax_error: tuple[str, Span] | None = None


def imports_from_text(text: str, module: str, is_package: bool) -> TextImports:
    """The same as `imports_from_tree`, for a file the extractor never parsed
    (it mentions nothing of Mizan's): read with the standard library's parser."""
    found = _Collector(module, is_package)
    try:
        tree = ast.parse(text)
    except SyntaxError as error:
        line, column = max(1, error.lineno or 1), max(1, error.offset or 1)
        return TextImports((), (), (error.msg, Span(line, column, line, column + 1)))
    except (ValueError, RecursionError, MemoryError):
        return TextImports((), ())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.imported.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.add_from(node.level, node.module or "", [a.name for a in node.names
                                                           if a.name != "*"])
    return TextImports(*found.result())


def _with_parents(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


#: `binds(package, name)`: whether `package/__init__` binds `name` other than
#: by importing its submodule `package.name`.
Binds = Callable[[str, str], bool]


def _imported_by(entry: str, modules: Collection[str], binds: Binds) -> list[str]:
    """The project modules one import entry imports (with their parent packages)."""
    base, _, name = entry.partition(":")
    found = [m for m in _with_parents(base) if m in modules]
    sub = f"{base}.{name}"
    if name and sub in modules and not binds(base, name):
        found.append(sub)
    return found


def reached_from(entries: Iterable[str], modules: Collection[str],
                 imports_of: Callable[[str], tuple[str, ...]], binds: Binds,
                 seen: set[str] | None = None) -> set[str]:
    """The project modules importing `entries` runs, transitively; `seen`:
    the modules already imported (not run again), added to the answer."""
    seen = set() if seen is None else seen
    stack = [m for entry in entries for m in _imported_by(entry, modules, binds)]
    while stack:
        module = stack.pop()
        if module in seen:
            continue
        seen.add(module)
        for entry in imports_of(module):
            stack.extend(m for m in _imported_by(entry, modules, binds) if m not in seen)
    return seen


def runtime_modules(modules: Collection[str],
                    imports_of: Callable[[str], tuple[str, ...]],
                    discoveries: Iterable[tuple[str, tuple[str, ...]]],
                    binds: Binds = lambda package, name: False) -> set[str] | None:
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
    return reached_from(roots, modules, imports_of, binds)


def imports_before_binding(text: str, package: str, name: str) -> tuple[str, ...] | None:
    """What `package/__init__` (its source `text`) imports at module level up
    to and including its last binding of `name` other than from the submodule
    `package.name`: the imports that run before that binding. None when it
    binds `name` no such way (or does not parse)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    found = _Collector(package, True)
    last: int | None = None
    submodule = f"{package}.{name}"
    for node in _in_order(tree.body):
        if isinstance(node, ast.Import):
            found.imported.extend(a.name for a in node.names)
            if any((a.asname or a.name.partition(".")[0]) == name and a.name != submodule
                   for a in node.names):
                last = len(found.imported)
        elif isinstance(node, ast.ImportFrom):
            found.add_from(node.level, node.module or "", [a.name for a in node.names
                                                           if a.name != "*"])
            source = absolute_module(package, True, node.level, node.module or "")
            if source != submodule and any((a.asname or a.name) == name for a in node.names
                                           if not (source == package and a.name == name)):
                last = len(found.imported)
        elif _assigns(node, name):
            last = len(found.imported)
    return None if last is None else tuple(found.imported[:last])


def _in_order(body: list[ast.stmt]) -> Iterable[ast.stmt]:
    """Module-level statements in the order they run (blocks entered, every
    branch in turn; function and class bodies not: they run later or bind
    nothing here)."""
    for node in body:
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for field in ("body", "orelse", "handlers", "finalbody"):
            part = getattr(node, field, None)
            if isinstance(part, list):
                for item in part:
                    yield from _in_order(item.body if isinstance(item, ast.ExceptHandler)
                                         else [item])


def _assigns(node: ast.stmt, name: str) -> bool:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name == name
    if isinstance(node, ast.Assign):
        return any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
    if isinstance(node, (ast.AnnAssign, ast.AugAssign)):
        return isinstance(node.target, ast.Name) and node.target.id == name \
            and (not isinstance(node, ast.AnnAssign) or node.value is not None)
    return False
