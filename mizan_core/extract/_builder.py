"""How a file's statements become its `ModuleFacts`, whichever tree they come from.

A file is read from libcst's tree (`module._Reader`) or from the standard
library's (`_ast_reader`); each walks its own nodes and states what it found
here: an import, a def, a class, an assignment, a call, a block that runs
instead of another. What those mean (which names an `except` handler or a
later branch may rebind, what `if TYPE_CHECKING:` binds, which functions
are only names) is decided once, here.

libcst imports nothing here.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from mizan_core.rules.sites import Span

from ._imports import ImportTable, absolute_module
from .facts import CallStmt, CallX, ClassDecl, Expr, FuncDecl, ModuleFacts, Statement

__all__ = ["CONSTANT_NAMES", "TYPE_CHECKING_NAME", "FactsBuilder", "clean_doc", "plain_function"]

#: Names libcst reads as names and Python's parser as constants.
CONSTANT_NAMES: dict[str, object] = {"True": True, "False": False, "None": None}
TYPE_CHECKING_NAME = "TYPE_CHECKING"
_NOWHERE = Span(0, 0, 0, 0)

_Body = TypeVar("_Body")


def plain_function(name: str) -> FuncDecl:
    """An undecorated function: never a @client function, only a name other
    modules may refer to (`affects=helper`, `auth=rule`)."""
    return FuncDecl(name=name, qualname=name, span=_NOWHERE, line=0, params=(),
                    params_span=_NOWHERE, returns=None, decorators=(), doc=None)


def clean_doc(raw: str | None) -> str | None:
    return None if raw is None else inspect.cleandoc(raw)


class FactsBuilder(Generic[_Body]):
    """The facts of one module as its statements are read, in order.

    `_Body` is a reader's block of statements; `block` reads one."""

    def __init__(self, module: str, is_package: bool, imports: ImportTable | None = None) -> None:
        self.module = module
        self.is_package = is_package
        self.imports = ImportTable() if imports is None else imports
        self.functions: dict[str, FuncDecl] = {}
        self.classes: dict[str, ClassDecl] = {}
        self.assigns: dict[str, Statement] = {}
        self.calls: list[CallStmt] = []
        self._type_checking = False  # inside `if TYPE_CHECKING:`
        # names an `except` handler or a later `elif`/`else` branch must not rebind:
        # the `try` body or the first branch bound them, and that is what runs
        self._kept: frozenset[str] = frozenset()

    def block(self, body: _Body) -> None:
        raise NotImplementedError

    def facts(self, imported: tuple[str, ...], discovers: tuple[str, ...]) -> ModuleFacts:
        return ModuleFacts(module=self.module, is_package=self.is_package, imports=self.imports,
                           functions=self.functions, calls=tuple(self.calls),
                           classes=self.classes, assigns=self.assigns, imported=imported,
                           discovers=discovers)

    # --- what a statement binds ----------------------------------------------------

    def import_name(self, name: str, asname: str | None) -> None:
        """`import name [as asname]`."""
        if asname is not None:
            self._bind(asname, name)
        else:
            head = name.split(".")[0]
            self._bind(head, head)

    def import_from(self, level: int, target: str,
                    names: Sequence[tuple[str, str | None]] | None) -> None:
        """`from <level dots><target> import names` (None: `*`), each `(name, asname)`."""
        base = absolute_module(self.module, self.is_package, level, target)
        if base is None:
            return
        if names is None:
            self.imports.stars.append(base)
            return
        for name, asname in names:
            self._bind(name if asname is None else asname, f"{base}.{name}")

    def function(self, name: str, read: Callable[[], FuncDecl]) -> None:
        """A module-level def named `name`; `read` gives its declaration."""
        if name not in self._kept:
            self.functions[name] = read()
            self.imports.ranked(name)

    def class_(self, name: str, read: Callable[[], None]) -> None:
        """A module-level class; `read` adds it (and the classes inside it)."""
        if name not in self._kept:
            read()
            self.imports.ranked(name)

    def assign(self, stmt: Statement | None) -> None:
        if stmt is not None and stmt.name not in self._kept:
            self.assigns[stmt.name] = stmt
            self.imports.ranked(stmt.name)

    def call(self, call: Expr) -> None:
        if isinstance(call, CallX):
            self.calls.append(CallStmt(call))

    def if_(self, type_checking: bool, body: _Body, branches: Sequence[_Body]) -> None:
        """`if test: body`, then each `elif`/`else` branch in turn."""
        if type_checking or self._type_checking:
            # Imports under `if TYPE_CHECKING:` never run: they name what
            # nothing else binds (the runtime reads them the same way).
            guarded, self._type_checking = self._type_checking, True
            self.block(body)
            self._type_checking = guarded
            for branch in branches:
                self.block(branch)
        else:
            self.alternatives(body, branches)

    def try_(self, body: _Body, handlers: Sequence[_Body], extras: Sequence[_Body]) -> None:
        """`try: body`, its `except` handlers, then its `else` and `finally` blocks."""
        self.alternatives(body, handlers)
        for extra in extras:
            self.block(extra)

    def _bind(self, local: str, target: str) -> None:
        if local not in self._kept and not (self._type_checking and local in self.imports.names):
            self.imports.bind(local, target)

    def _bindings(self) -> dict[str, object]:
        """What each module-level name is bound to now."""
        return {**{n: ("import", t) for n, t in self.imports.names.items()}, **self.assigns,
                **self.functions, **{n: c for n, c in self.classes.items() if "." not in n}}

    def alternatives(self, first: _Body, others: Sequence[_Body]) -> None:
        """`first` is what normally runs (a `try` body, an `if` branch); each of
        `others` (handlers, later branches) binds only what none before it bound."""
        kept, before = self._kept, self._bindings()
        self.block(first)
        for other in others:
            self._kept = kept | {n for n, v in self._bindings().items() if before.get(n) != v}
            self.block(other)
        self._kept = kept
