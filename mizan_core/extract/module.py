"""Source text of one file -> `ModuleFacts` (libcst; no imports, no execution).

Only what the extractor can use is kept: imports, module-level functions
(with decorators, parameters, annotations), classes at any nesting depth
(bases, annotated fields, assignments, method names), module-level
assignments (type aliases, TypeVars) and module-level call statements
(`register(...)`). Statements inside `if`/`try`/`with` blocks at module level
count (guarded imports are common); function bodies are never read.

A file that libcst cannot parse yields facts with `syntax_error` set and
nothing else, so the rest of the project is still extracted. No input makes
`read_module` raise: deep nesting or parser bugs become a syntax error too.

A file read whole is read first from the standard library's tree, which the
size check makes anyway (`_ast_reader`: exactly these facts, at a fraction of
libcst's parse); libcst reads only what that reader gives up on.

A large file, or one read again (an editor's buffer), is read by top-level
statement (`_chunks`): each piece once, found again by its text, so that a
keystroke parses the statement it changed, not the file. The facts are
exactly the whole read's; where a piece does not read alone, the file is
read whole.
"""

from __future__ import annotations

import ast
import re
import sys
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from mizan_core.compact import Compact
from mizan_core.rules.sites import Span

from ._ast_reader import read as read_from_ast
from ._bounds import MAX_BYTES, checked, pieces_too_big, statement_size, too_big
from ._builder import CONSTANT_NAMES, TYPE_CHECKING_NAME, FactsBuilder, clean_doc, plain_function
from ._chunks import ChunkCache, split_statements
from ._imports import ImportTable
from ._reach import imports_from_tree
from .facts import (
    ELLIPSIS,
    CallStmt,
    CallX,
    ClassDecl,
    ConstX,
    DictX,
    Expr,
    FuncDecl,
    ModuleFacts,
    NameX,
    OrX,
    OtherX,
    ParamDecl,
    SeqX,
    Statement,
    SubX,
)

if TYPE_CHECKING:
    import libcst as cst

    from ._positions import Positions
else:
    from ._libcst import cst  # loaded on first use

__all__ = ["parse_annotation", "read_module"]

_RECURSION = 12_000
_PARSE_ERROR = re.compile(r"^parser error: error at \d+:\d+: ")


def read_module(text: str, module: str, is_package: bool = False, *,
                once: bool = False) -> ModuleFacts:
    """The facts of `text` as the module `module`. `once`: this process reads
    the file no other time (a forked worker of a cold index), so a large file
    is read whole, not by piece for a later read to reuse."""
    again = (module, is_package) in _READ_BEFORE
    if not once and len(text) >= (_CHUNKED_AGAIN_FROM if again else _CHUNKED_FROM):
        facts = _read_pieces(text, module, is_package)
        if facts is not None:
            return facts
    if not again:
        _READ_BEFORE.add((module, is_package))
    return _read_whole(text, module, is_package)


def _read_whole(text: str, module: str, is_package: bool) -> ModuleFacts:
    refused, parsed = checked(text)  # before libcst: its parser can crash or take minutes
    if refused is not None:
        return _broken(module, is_package, *refused)
    if parsed is not None:
        facts = read_from_ast(text, parsed, module, is_package)
        if facts is not None:
            return facts
    return _read_tree(text, module, is_package, parsed)


def _read_tree(text: str, module: str, is_package: bool, parsed: ast.AST | None) -> ModuleFacts:
    """The whole file read with libcst (`parsed`: Python's tree of it, for positions)."""
    try:
        tree = cst.parse_module(text)
    except cst.ParserSyntaxError as error:
        return _broken(module, is_package, *_syntax_error(text, error))
    except (RecursionError, MemoryError, ValueError, TypeError, IndexError) as error:
        return _broken(module, is_package, f"cannot parse: {type(error).__name__}",
                       Span(1, 1, 1, 1))
    with _deep_recursion():
        try:
            reader = _Reader(module, is_package, _positions(tree, text, parsed))
            reader.read(tree.body)
            imported, discovers = imports_from_tree(tree, module, is_package)
            return reader.facts(imported, discovers)
        except RecursionError:
            return _broken(module, is_package, "too deeply nested to read", Span(1, 1, 1, 1))


@contextmanager
def _deep_recursion() -> Iterator[None]:
    # libcst's code generator (positions) recurses about three frames per node
    # of a nested tree; the nesting is bounded by `too_big`, but implicitly
    # concatenated strings nest one level per string.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, _RECURSION))
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


def _positions(tree: cst.Module, text: str, parsed: ast.AST | None = None) -> Positions:
    from ._positions import Positions  # libcst's code generator: only beside a libcst tree

    return Positions.of_statements(
        tree, text, {id(stmt) for stmt in tree.body if _uninteresting(stmt)}, parsed)


# --- a file read piece by piece -----------------------------------------------------
#
# A module's facts are its top-level statements' facts in order, each of which
# (a def, a class, a line of simple statements) reads the same on its own but
# for its line numbers and the star imports before it: so a piece is read
# once, cached by its text, and shifted into place. A compound statement
# (`if TYPE_CHECKING:`, `try: import x except ImportError:`) reads differently
# after what came before (what is already bound), so its piece keeps its tree
# and is read again each time in its place, after the others.

#: Below this size a file is read whole the first time (a cold build reads
#: each file once, and a piece's parse has a fixed cost: a small file read by
#: pieces costs about 1.4 times its whole read); read again (an editor's
#: buffer), from the second size up.
_CHUNKED_FROM = 16_000
_CHUNKED_AGAIN_FROM = 1_000
_READ_BEFORE: set[tuple[str, bool]] = set()
#: A compound statement's tree is kept only this small (a syntax tree costs
#: far more memory than its facts; a larger one is parsed on each read).
_TREE_KEPT = 4_000


@dataclass(frozen=True, slots=True)
class _Bound:
    """What an independent piece adds, in its own lines (line 1: its first)."""

    names: dict[str, str]
    stars: tuple[str, ...]
    ranked: tuple[tuple[str, int], ...]  # each (re)binding, with the piece's star imports before it
    functions: dict[str, FuncDecl]
    classes: dict[str, ClassDecl]
    assigns: dict[str, Statement]
    calls: tuple[CallStmt, ...]
    placed: bool  # holds a position (moves when the piece does)


@dataclass(slots=True)
class _Piece:
    size: tuple[int, int]  # syntax nodes, levels of nesting
    imported: tuple[str, ...]
    discovers: tuple[str, ...]
    bound: _Bound | None  # None: a compound statement, read again in place
    tree: cst.Module | None
    positions: Positions | None
    moved: tuple[int, _Bound] | None = None  # `bound` shifted by the last shift asked


_PIECES: ChunkCache[_Piece] = ChunkCache(8192)
#: how many pieces were parsed (libcst) since the process started
parsed_pieces = 0


class _Recording(ImportTable):
    """An import table that remembers every (re)binding, with the number of
    star imports before it, for the star imports of earlier pieces."""

    __slots__ = ("events",)

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, int]] = []

    def ranked(self, local: str) -> None:
        self.events.append((local, len(self.stars)))


def _read_pieces(text: str, module: str, is_package: bool) -> ModuleFacts | None:
    """The facts `_read_whole` gives, or None when a piece does not read alone."""
    if not _piecewise(text):
        return None
    split = split_statements(text)
    found: list[tuple[_Piece | tuple[int, int], str, int]] = []
    for (source, shift), piece in zip(split, _PIECES.get_all(
            [(module, is_package, source) for source, _ in split]), strict=True):
        if piece is None:
            size = statement_size(source)
            if size is None:
                return None
            found.append((size, source, shift))
        else:
            found.append((piece, source, shift))
    # the bounds hold the whole file, before libcst sees any new piece
    if pieces_too_big(p.size if isinstance(p, _Piece) else p for p, _, _ in found):
        return None  # the whole file's read says why
    pieces: list[tuple[_Piece, int]] = []
    for known, source, shift in found:
        if not isinstance(known, _Piece):
            read = _read_piece(source, known, module, is_package)
            if read is None:
                return None
            if read.tree is None or len(source) <= _TREE_KEPT:
                _PIECES.put((module, is_package, source), read)
            known = read
        pieces.append((known, shift))
    reader = _Reader(module, is_package, None)
    with _deep_recursion():
        try:
            for piece, shift in pieces:
                if piece.bound is not None:
                    reader.add(_moved(piece, shift))
                else:
                    assert piece.tree is not None and piece.positions is not None
                    reader.pos = _Shifted(piece.positions, shift)
                    reader.read(piece.tree.body)
        except RecursionError:
            return None
    imported = tuple(dict.fromkeys(m for p, _ in reversed(pieces) for m in p.imported))
    discovers = tuple(dict.fromkeys(a for p, _ in reversed(pieces) for a in p.discovers))
    return reader.facts(imported, discovers)


def _piecewise(text: str) -> bool:
    # after a line starting with a backslash continuation the whole file's
    # positions and a piece's need not agree: the whole read is the reference
    return len(text) <= MAX_BYTES and not text.startswith("\\") and "\n\\" not in text


def _read_piece(text: str, size: tuple[int, int], module: str, is_package: bool) -> _Piece | None:
    global parsed_pieces
    parsed_pieces += 1
    try:
        tree = cst.parse_module(text)
    except (cst.ParserSyntaxError, RecursionError, MemoryError, ValueError, TypeError,
            IndexError):
        return None
    with _deep_recursion():
        try:
            positions = _positions(tree, text)
            imported, discovers = imports_from_tree(tree, module, is_package)
            if not all(_independent(stmt) for stmt in tree.body):
                return _Piece(size, imported, discovers, None, tree, positions)
            imports = _Recording()
            reader = _Reader(module, is_package, positions, imports)
            reader.read(tree.body)
        except RecursionError:
            return None
    placed = any(_shift(fact, 1) != fact for fact in (
        *reader.functions.values(), *reader.classes.values(), *reader.assigns.values(),
        *reader.calls))
    bound = _Bound(imports.names, tuple(imports.stars), tuple(imports.events), reader.functions,
                   reader.classes, reader.assigns, tuple(reader.calls), placed)
    return _Piece(size, imported, discovers, bound, None, None)


def _moved(piece: _Piece, shift: int) -> _Bound:
    bound = piece.bound
    assert bound is not None
    if not bound.placed or shift == 0:
        return bound
    if piece.moved is not None and piece.moved[0] == shift:
        return piece.moved[1]
    moved = _Bound(bound.names, bound.stars, bound.ranked,
                   {k: _shift(v, shift) for k, v in bound.functions.items()},
                   {k: _shift(v, shift) for k, v in bound.classes.items()},
                   {k: _shift(v, shift) for k, v in bound.assigns.items()},
                   tuple(_shift(c, shift) for c in bound.calls), True)
    piece.moved = (shift, moved)
    return moved


_T = TypeVar("_T")


def _shift(value: _T, lines: int) -> _T:
    """`value` with every position `lines` further down (a position on line 0
    is none, and stays)."""
    if isinstance(value, Span):
        if value.line == 0:
            return value
        return cast(_T, Span(value.line + lines, value.column, value.end_line + lines,
                             value.end_column))
    if isinstance(value, Compact):
        fields = [_shift_field(name, getattr(value, name), lines)
                  for name in value.__match_args__]
        return cast(_T, type(value)(*fields))
    if isinstance(value, tuple):
        return cast(_T, tuple(_shift(item, lines) for item in value))
    if isinstance(value, dict):
        return cast(_T, {key: _shift(item, lines) for key, item in value.items()})
    return value


def _shift_field(name: str, value: object, lines: int) -> object:
    if name == "line" and isinstance(value, int) and value > 0:  # FuncDecl.line, ClassDecl.line
        return value + lines
    return _shift(value, lines)


class _Where(Protocol):
    @property
    def code(self) -> str: ...

    def span(self, node: cst.CSTNode) -> Span: ...

    def line(self, node: cst.CSTNode) -> int: ...

    def offsets(self, node: cst.CSTNode) -> tuple[int, int]: ...


class _Shifted:
    """A piece's positions, `lines` further down (the piece starts a line)."""

    def __init__(self, positions: Positions, lines: int) -> None:
        self._positions = positions
        self._lines = lines

    @property
    def code(self) -> str:
        return self._positions.code

    def span(self, node: cst.CSTNode) -> Span:
        return _shift(self._positions.span(node), self._lines)

    def line(self, node: cst.CSTNode) -> int:
        return self._positions.line(node) + self._lines

    def offsets(self, node: cst.CSTNode) -> tuple[int, int]:
        return self._positions.offsets(node)


def parse_annotation(text: str, span: Span) -> Expr | None:
    """A string annotation (`"CartOut"`, `"list[Item] | None"`) as an expression;
    every node gets the span of the string itself. None when it does not parse."""
    if too_big(text.strip(), "eval") is not None:
        return None
    try:
        node = cst.parse_expression(text.strip())
    except Exception:  # noqa: BLE001  (libcst raises several types on bad input)
        return None
    return _StringExprReader(span).expr(node)


def _syntax_error(text: str, error: cst.ParserSyntaxError) -> tuple[str, Span]:
    """Python's own message and position when it agrees the text is invalid
    (clearer: "'(' was never closed"); libcst's otherwise."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarnings about the user's code are not ours
            compile(text, "<mizan>", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as py_error:
        if py_error.lineno:
            line, column = py_error.lineno, max(1, py_error.offset or 1)
            return py_error.msg, Span(line, column, line, column + 1)
    except (ValueError, RecursionError, MemoryError):
        pass
    line, column = max(1, error.raw_line), error.raw_column + 1
    message = _PARSE_ERROR.sub("", error.message)
    if len(message) > 80:
        message = "invalid syntax"
    return message, Span(line, column, line, column + 1)


def _broken(module: str, is_package: bool, message: str, span: Span) -> ModuleFacts:
    return ModuleFacts(module=module, is_package=is_package, imports=ImportTable(),
                       syntax_error=(message, span))


def _dotted(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = _dotted(node.value)
        return None if head is None else f"{head}.{node.attr.value}"
    return None


def _independent(stmt: cst.CSTNode) -> bool:
    """A statement that reads the same whatever came before it (not `if`/`try`/`with`)."""
    return isinstance(stmt, (cst.SimpleStatementLine, cst.FunctionDef, cst.ClassDef))


def _uninteresting(stmt: cst.CSTNode) -> bool:
    """Top-level statements whose positions are never needed."""
    if isinstance(stmt, cst.FunctionDef):
        return not stmt.decorators
    if isinstance(stmt, cst.SimpleStatementLine):
        return all(isinstance(s, (cst.Import, cst.ImportFrom, cst.Pass)) or (
            isinstance(s, cst.Expr) and isinstance(s.value, (cst.SimpleString,
                                                             cst.ConcatenatedString)))
                   for s in stmt.body)
    return False


def _is_type_checking(test: cst.BaseExpression) -> bool:
    return (isinstance(test, cst.Name) and test.value == TYPE_CHECKING_NAME) or (
        isinstance(test, cst.Attribute) and test.attr.value == TYPE_CHECKING_NAME)


def _asname(alias: cst.ImportAlias) -> str | None:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    return None


def _clean_doc(node: cst.FunctionDef | cst.ClassDef) -> str | None:
    return clean_doc(node.get_docstring(clean=False))


class _ExprReader:
    """libcst expression -> `Expr`; subclasses say where a node is."""

    def where(self, node: cst.CSTNode) -> tuple[str, Span]:
        raise NotImplementedError

    def expr(self, node: cst.BaseExpression) -> Expr:
        text, span = self.where(node)
        if isinstance(node, cst.Name):
            if node.value in CONSTANT_NAMES:
                return ConstX(text, span, CONSTANT_NAMES[node.value])
            return NameX(text, span, node.value)
        if isinstance(node, cst.Attribute):
            dotted = _dotted(node)
            return NameX(text, span, dotted) if dotted else OtherX(text, span, "expr")
        if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
            value = node.evaluated_value
            return ConstX(text, span, value) if value is not None else OtherX(text, span, "fstring")
        if isinstance(node, (cst.Integer, cst.Float)):
            return ConstX(text, span, ast.literal_eval(node.value))
        if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus) \
                and isinstance(node.expression, (cst.Integer, cst.Float)):
            return ConstX(text, span, -ast.literal_eval(node.expression.value))
        if isinstance(node, cst.Ellipsis):
            return ConstX(text, span, ELLIPSIS)
        if isinstance(node, cst.Subscript):
            slices = tuple(self.expr(e.slice.value) if isinstance(e.slice, cst.Index)
                           else OtherX(text, span, "slice") for e in node.slice)
            return SubX(text, span, self.expr(node.value), slices)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
            return OrX(text, span, self.expr(node.left), self.expr(node.right))
        if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
            kind = {cst.List: "list", cst.Tuple: "tuple", cst.Set: "set"}[type(node)]
            items = tuple(self.expr(e.value) if isinstance(e, cst.Element)
                          else OtherX(text, span, "star") for e in node.elements)
            return SeqX(text, span, kind, items)
        if isinstance(node, cst.Dict):
            keys: list[Expr] = []
            values: list[Expr] = []
            for element in node.elements:
                if not isinstance(element, cst.DictElement):
                    return OtherX(text, span, "expr")
                keys.append(self.expr(element.key))
                values.append(self.expr(element.value))
            return DictX(text, span, tuple(keys), tuple(values))
        if isinstance(node, cst.Call):
            args: list[Expr] = []
            kwargs: list[tuple[str, Expr]] = []
            for arg in node.args:
                if arg.star:
                    return OtherX(text, span, "call")
                if arg.keyword is not None:
                    kwargs.append((arg.keyword.value, self.expr(arg.value)))
                else:
                    args.append(self.expr(arg.value))
            return CallX(text, span, self.expr(node.func), tuple(args), tuple(kwargs))
        if isinstance(node, cst.Lambda):
            return OtherX(text, span, "lambda")
        return OtherX(text, span, "expr")

class _StringExprReader(_ExprReader):
    def __init__(self, span: Span) -> None:
        self.span = span
        self.module = cst.Module(body=[])

    def where(self, node: cst.CSTNode) -> tuple[str, Span]:
        return self.module.code_for_node(node), self.span


class _Reader(_ExprReader, FactsBuilder["Sequence[cst.CSTNode]"]):
    def __init__(self, module: str, is_package: bool, pos: _Where | None,
                 imports: ImportTable | None = None) -> None:
        super().__init__(module, is_package, imports)
        self.pos = cast(_Where, pos)  # None only until a piece says where

    def read(self, body: Sequence[cst.CSTNode]) -> None:
        self.block(body)

    def add(self, bound: _Bound) -> None:
        """What an independent piece bound, as if read here."""
        imports = self.imports
        imports.names.update(bound.names)
        before = len(imports.stars)
        imports.stars.extend(bound.stars)
        if before or bound.stars:  # a name is ranked only after a star import
            for name, stars in bound.ranked:
                if before + stars:
                    imports.star_rank[name] = before + stars
        self.functions.update(bound.functions)
        self.classes.update(bound.classes)
        self.assigns.update(bound.assigns)
        self.calls.extend(bound.calls)

    # --- statements -------------------------------------------------------------

    def block(self, body: Sequence[cst.CSTNode]) -> None:
        for stmt in body:
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    self._small(small)
            elif isinstance(stmt, cst.FunctionDef):
                self.function(stmt.name.value, partial(self._declared, stmt))
            elif isinstance(stmt, cst.ClassDef):
                self.class_(stmt.name.value, partial(self._class, stmt, ""))
            elif isinstance(stmt, cst.If):
                branches = []
                orelse = stmt.orelse
                while orelse is not None:
                    branches.append(orelse.body.body)
                    orelse = orelse.orelse if isinstance(orelse, cst.If) else None
                self.if_(_is_type_checking(stmt.test), stmt.body.body, branches)
            elif isinstance(stmt, cst.Try):
                self.try_(stmt.body.body, [h.body.body for h in stmt.handlers],
                          [extra.body.body for extra in (stmt.orelse, stmt.finalbody)
                           if extra is not None])
            elif isinstance(stmt, cst.With):
                self.block(stmt.body.body)

    def _small(self, small: cst.BaseSmallStatement) -> None:
        if isinstance(small, cst.Import):
            for alias in small.names:
                name = _dotted(alias.name)
                if name is not None:
                    self.import_name(name, _asname(alias))
        elif isinstance(small, cst.ImportFrom):
            target = _dotted(small.module) if small.module is not None else ""
            names = None if isinstance(small.names, cst.ImportStar) else [
                (name, _asname(alias)) for alias in small.names
                if (name := _dotted(alias.name)) is not None]
            self.import_from(len(small.relative), target or "", names)
        elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
            self.call(self.expr(small.value))
        else:
            self.assign(self._statement(small))

    def _statement(self, small: cst.CSTNode) -> Statement | None:
        if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
            return Statement(small.target.value, self.pos.span(small.target),
                             self.expr(small.annotation.annotation),
                             None if small.value is None else self.expr(small.value))
        if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                and isinstance(small.targets[0].target, cst.Name):
            target = small.targets[0].target
            return Statement(target.value, self.pos.span(target), None, self.expr(small.value))
        if isinstance(small, cst.TypeAlias):
            name = small.name
            return Statement(name.value, self.pos.span(name),
                             NameX("TypeAlias", self.pos.span(name), "typing.TypeAlias"),
                             self.expr(small.value))
        return None

    def _declared(self, node: cst.FunctionDef) -> FuncDecl:
        return self._function(node) if node.decorators else plain_function(node.name.value)

    def _function(self, node: cst.FunctionDef) -> FuncDecl:
        params: list[ParamDecl] = []
        p = node.params
        for kind, group in (("positional", p.posonly_params), ("positional", p.params),
                            ("keyword", p.kwonly_params)):
            for param in group:
                params.append(self._param(param, kind))
        if isinstance(p.star_arg, cst.Param):
            params.append(self._param(p.star_arg, "varargs"))
        if p.star_kwarg is not None:
            params.append(self._param(p.star_kwarg, "varkw"))
        params.sort(key=lambda d: (d.span.line, d.span.column))
        first = node.decorators[0] if node.decorators else node
        return FuncDecl(
            name=node.name.value, qualname=node.name.value, span=self.pos.span(node.name),
            line=self.pos.line(first) if node.decorators else self._def_line(node),
            params=tuple(params), params_span=self.pos.span(node.params),
            returns=None if node.returns is None else self.expr(node.returns.annotation),
            decorators=tuple(self.expr(d.decorator) for d in node.decorators),
            doc=_clean_doc(node), is_async=node.asynchronous is not None,
        )

    def _def_line(self, node: cst.FunctionDef | cst.ClassDef) -> int:
        # The node's range starts at its leading comments/blank lines; `def` is at the name.
        return self.pos.line(node.name)

    def _param(self, param: cst.Param, kind: str) -> ParamDecl:
        return ParamDecl(
            name=param.name.value, span=self.pos.span(param.name), kind=kind,
            annotation=None if param.annotation is None else self.expr(param.annotation.annotation),
            default=None if param.default is None else self.expr(param.default),
        )

    def _class(self, node: cst.ClassDef, outer: str) -> None:
        qualname = f"{outer}.{node.name.value}" if outer else node.name.value
        body: list[Statement] = []
        methods: list[str] = []
        returns: list[tuple[str, Expr | None]] = []
        # `class C: x: int = 1` (one line) holds small statements directly.
        suite = node.body
        inner = [cst.SimpleStatementLine(body=suite.body)] \
            if isinstance(suite, cst.SimpleStatementSuite) else suite.body
        for stmt in inner:
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    found = self._statement(small)
                    if found is not None:
                        body.append(found)
            elif isinstance(stmt, cst.ClassDef):
                self._class(stmt, qualname)
            elif isinstance(stmt, cst.FunctionDef):
                methods.append(stmt.name.value)
                returns.append((stmt.name.value, None if stmt.returns is None
                                else self.expr(stmt.returns.annotation)))
        type_params: tuple[str, ...] = ()
        if node.type_parameters is not None:
            type_params = tuple(tp.param.name.value for tp in node.type_parameters.params)
        first = node.decorators[0] if node.decorators else None
        self.classes[qualname] = ClassDecl(
            name=node.name.value, qualname=qualname, span=self.pos.span(node.name),
            line=self.pos.line(first) if first is not None else self._def_line(node),
            bases=tuple(self.expr(arg.value) for arg in node.bases if arg.keyword is None
                        and arg.star == ""),
            type_params=type_params, body=tuple(body), doc=_clean_doc(node),
            methods=tuple(methods), method_returns=tuple(returns),
            keywords=tuple((arg.keyword.value, self.expr(arg.value)) for arg in node.keywords
                           if arg.keyword is not None),
            decorators=tuple(self.expr(d.decorator) for d in node.decorators),
        )

    def where(self, node: cst.CSTNode) -> tuple[str, Span]:
        start, end = self.pos.offsets(node)
        # after the offsets: a source libcst normalises is read in its generated code
        return self.pos.code[start:end], self.pos.span(node)
