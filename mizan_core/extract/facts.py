"""What one Python file says, reduced to plain data: the per-file cache unit.

`module.read_module()` turns source text into `ModuleFacts`; everything later
(resolution across modules, IR, checks) reads only these facts, never a
syntax tree. They are small, immutable and picklable, so the project index can
keep them per file keyed by content hash (on disk between runs) and an edit
re-reads one file only.

Expressions that matter (annotations, decorator arguments, defaults, base
classes) are kept as a tiny expression tree (`Expr`): names stay as written
(`mz.client`, `typing.Optional`); the import table of the module says what
they mean. Every node carries its source text and span, because diagnostics
point at the exact argument or annotation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mizan_core.compact import Compact
from mizan_core.rules.sites import Span

from ._imports import ImportTable

__all__ = [
    "ELLIPSIS",
    "CallStmt",
    "CallX",
    "ClassDecl",
    "ConstX",
    "DictX",
    "Expr",
    "FuncDecl",
    "ModuleFacts",
    "NameX",
    "OrX",
    "OtherX",
    "ParamDecl",
    "SeqX",
    "Statement",
    "SubX",
]


class _Ellipsis:
    """`...` in an annotation (`tuple[int, ...]`) or as `Field(...)`."""

    def __reduce__(self) -> str:
        return "ELLIPSIS"

    def __repr__(self) -> str:
        return "..."


ELLIPSIS = _Ellipsis()


@dataclass(frozen=True, slots=True)
class Expr(Compact):
    text: str  # source spelling, whitespace-normalised
    span: Span


@dataclass(frozen=True, slots=True)
class NameX(Expr):
    dotted: str  # `Optional`, `typing.Optional`, `mz.client`


@dataclass(frozen=True, slots=True)
class ConstX(Expr):
    value: object  # str, int, float, bool, None, bytes or ELLIPSIS


@dataclass(frozen=True, slots=True)
class SubX(Expr):
    base: Expr
    args: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class OrX(Expr):
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class SeqX(Expr):
    kind: str  # "list", "tuple", "set"
    items: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class DictX(Expr):
    keys: tuple[Expr, ...]
    values: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class CallX(Expr):
    func: Expr
    args: tuple[Expr, ...]
    kwargs: tuple[tuple[str, Expr], ...]

    def kwarg(self, name: str) -> Expr | None:
        return next((value for key, value in self.kwargs if key == name), None)


@dataclass(frozen=True, slots=True)
class OtherX(Expr):
    kind: str  # "lambda", "fstring", "expr": anything the extractor does not evaluate


@dataclass(frozen=True, slots=True)
class ParamDecl(Compact):
    name: str
    span: Span  # the name
    kind: str  # "positional", "keyword", "varargs", "varkw"
    annotation: Expr | None = None
    default: Expr | None = None


@dataclass(frozen=True, slots=True)
class FuncDecl(Compact):
    """A module-level `def`; `decorators` as written, outermost first."""

    name: str
    qualname: str
    span: Span  # the name
    line: int  # first decorator, or `def`
    params: tuple[ParamDecl, ...]
    params_span: Span  # between the parentheses (for "missing request")
    returns: Expr | None
    decorators: tuple[Expr, ...]
    doc: str | None
    is_async: bool = False  # `async def` (an async generator too): the runtime refuses it


@dataclass(frozen=True, slots=True)
class Statement(Compact):
    """A class-body or module-level assignment: `name[: annotation] [= value]`."""

    name: str
    span: Span  # the target name
    annotation: Expr | None
    value: Expr | None


@dataclass(frozen=True, slots=True)
class ClassDecl(Compact):
    name: str
    qualname: str  # `Outer.Inner` for nested classes
    span: Span
    line: int
    bases: tuple[Expr, ...]
    type_params: tuple[str, ...]  # PEP 695 `class Page[T](BaseModel)`
    body: tuple[Statement, ...]  # in source order
    doc: str | None
    methods: tuple[str, ...] = ()
    method_returns: tuple[tuple[str, Expr | None], ...] = ()  # (method, return annotation)
    keywords: tuple[tuple[str, Expr], ...] = ()  # `class C(Base, abstract=True)`
    decorators: tuple[Expr, ...] = ()  # as written, outermost first (`@dataclass`)


@dataclass(frozen=True, slots=True)
class CallStmt(Compact):
    """A call used as a statement at module level (`register(fn, "name")`):
    whether the callee is Mizan's `register` is decided once imports are
    resolved across the project."""

    call: CallX


@dataclass(frozen=True, slots=True)
class ModuleFacts(Compact):
    module: str
    is_package: bool
    imports: ImportTable
    functions: dict[str, FuncDecl] = field(default_factory=dict)  # module-level defs
    calls: tuple[CallStmt, ...] = ()
    classes: dict[str, ClassDecl] = field(default_factory=dict)  # by qualname
    assigns: dict[str, Statement] = field(default_factory=dict)  # module-level, last wins
    syntax_error: tuple[str, Span] | None = None
    # modules named by import statements anywhere in the file (function bodies
    # included), and the apps its `mizan_clients(...)` calls name: what
    # `_reach` needs to know which modules the runtime imports
    imported: tuple[str, ...] = ()
    discovers: tuple[str, ...] = ()

    def defines(self, name: str) -> bool:
        return name in self.classes or name in self.functions or name in self.assigns
