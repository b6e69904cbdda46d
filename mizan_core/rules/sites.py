"""Where things are in source: the facts checks and editors need beyond the IR.

The IR has no columns (the runtime cannot know them); diagnostics, the
language server's go-to-definition and rename, and the mypy plugin need the
exact range of a function name, a parameter, an annotation or an `affects`
argument. The static extractor fills these records next to the IR; the
checks in `rules.checks` read only them, so a check never re-parses source.

Spans are `(line, column, end_line, end_column)`: 1-based, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from mizan_core.compact import Compact
from mizan_core.ir import Function, TypeRef

__all__ = ["AffectsSite", "ArgSite", "FunctionSite", "ParamSite", "RegisterSite", "Span"]


class Span(NamedTuple):
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class ParamSite(Compact):
    name: str
    span: Span  # the parameter's name
    kind: str  # "positional", "keyword", "varargs", "varkw"
    annotation: str | None  # source spelling
    annotation_span: Span | None
    type: TypeRef | None  # None when unannotated (and for `request`)
    has_default: bool = False


@dataclass(frozen=True, slots=True)
class ArgSite(Compact):
    """One keyword argument of `@client(...)` as written."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class AffectsSite(Compact):
    """One `affects=` item. `target` is the context name (a string) or the
    registered public name of the function object given; `kind` says which.
    `target` is None for a function object that is not a registered @client
    function (the `text` says what was written)."""

    target: str | None
    kind: str  # "context" or "function"
    text: str
    span: Span
    function: str | None = None  # `module.qualname` when a function object was given


@dataclass(frozen=True, slots=True)
class RegisterSite(Compact):
    """`register(fn, "name")`: the call, its name argument and what it names."""

    name: str
    file: str
    span: Span  # the whole call
    name_span: Span  # the string argument
    function: str  # `module.qualname` of the registered function


@dataclass(frozen=True, slots=True)
class FunctionSite(Compact):
    """A `@client` function as written, registered or not.

    `functions` holds one IR `Function` per `register()` call (empty when the
    function is never registered); `module`/`qualname` identify it.
    """

    module: str
    qualname: str
    file: str  # as diagnostics name it
    path: str  # absolute path
    name_span: Span
    decorator_span: Span
    params: tuple[ParamSite, ...]  # every parameter, `request` included
    params_span: Span
    returns: TypeRef | None
    returns_text: str | None
    returns_span: Span | None
    args: dict[str, ArgSite]  # keyword arguments of @client(...)
    context: str | None
    affects: tuple[AffectsSite, ...]
    auth: str | None  # the IR auth rule; None when `auth=` is invalid
    rev: int | None  # None when `rev=` is invalid
    route: str | None
    view_path: bool
    functions: tuple[Function, ...] = ()
    is_async: bool = False  # `async def`: refused by the runtime decorator, in no IR

    @property
    def key(self) -> str:
        return f"{self.module}.{self.qualname}"

    @property
    def registered_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.functions)
