"""Source ranges for libcst nodes, without libcst's PositionProvider.

libcst's own provider tracks line and column for every token with a regex
and allocates a `CodeRange` per node: on a 300-line file that costs twice the
parse, too slow for an editor that re-reads the file on every keystroke.

The ranges the extractor asks for (names, parameters, decorators, the
expressions it reads) come first from the stdlib `ast` tree of the same text:
Python's parser gives every expression its line and column for free, and each
libcst node is matched to its `ast` twin by order, statement by statement.
Where the two disagree (`ast` counts a tuple's parentheses, libcst does not;
a def's name has no `ast` node) the range is derived from the text; where it
cannot be derived exactly (a parenthesized first element, newer syntax than
this Python's, a lone carriage return) the node is left out.

A node left out is asked, the first time, of a codegen state that keeps one
running character offset and records `(start, end)` offsets with the same
syntactic rules as `PositionProvider` (tests compare the two, and the `ast`
ranges with these, on every fixture). It subclasses libcst's internal
`CodegenState` and calls the nodes' `_codegen`: libcst's public position
providers generate every node of the module and cost about 4x as much. The
dependency is pinned to the libcst releases this was tested on.
Offsets become 1-based line/column only for the nodes a diagnostic or a
location actually needs.
"""

from __future__ import annotations

import ast
import bisect
import re
import warnings
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager

import libcst as cst
from libcst._nodes.internal import CodegenState  # private-api: 4x cheaper than public providers

from mizan_core.rules.sites import Span

from ._ranges import (
    CLASS,
    DEF,
    Offsets,
    ast_exact,
    decorator_at,
    line_starts,
    name_after,
    params_range,
)

__all__ = ["Positions", "Span"]


class _OffsetState(CodegenState):
    def __init__(self, module: cst.Module, skip: set[int]) -> None:
        super().__init__(default_indent=module.default_indent,
                         default_newline=module.default_newline)
        self.offset = 0
        self.stack: list[int] = []
        self.ranges: dict[cst.CSTNode, tuple[int, int]] = {}
        # Statements nobody asks positions of (imports, undecorated helpers) are
        # still generated (their length moves the offset) but not recorded.
        self.skip = skip
        self.skipping = 0

    def add_indent_tokens(self) -> None:
        self.tokens.extend(self.indent_tokens)
        for token in self.indent_tokens:
            self.offset += len(token)

    def add_token(self, value: str) -> None:
        self.tokens.append(value)
        self.offset += len(value)

    @contextmanager
    def record_syntactic_position(self, node: cst.CSTNode, *, start_node: cst.CSTNode | None = None,
                                  end_node: cst.CSTNode | None = None) -> Iterator[None]:
        if self.skipping:
            yield
            return
        start = self.offset
        try:
            yield
        finally:
            ranges = self.ranges
            begin = ranges[start_node][0] if start_node is not None else start
            end = ranges[end_node][1] if end_node is not None else self.offset
            ranges[node] = (begin, end)

    def before_codegen(self, node: cst.CSTNode) -> None:
        if self.skipping or id(node) in self.skip:
            self.skipping += 1
            return
        self.stack.append(self.offset)

    def after_codegen(self, node: cst.CSTNode) -> None:
        if self.skipping:
            self.skipping -= 1
            return
        start = self.stack.pop()
        if node not in self.ranges:
            self.ranges[node] = (start, self.offset)


_STUB_BODY = cst.SimpleStatementSuite(body=[cst.Pass()])


def _find_line_start(text: str, piece: str, start: int) -> int:
    at = text.find(piece, start)
    while at > 0 and text[at - 1] != "\n":
        at = text.find(piece, at + 1)
    return at


def _ast_ranges(module: cst.Module, text: str, line_starts: list[int], skip: set[int],
                tree: ast.AST | None) -> dict[cst.CSTNode, tuple[int, int]]:
    if not ast_exact(text):  # left to the code generator
        return {}
    if tree is None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # SyntaxWarnings about the user's code are not ours
                tree = compile(text, "<mizan>", "exec", flags=ast.PyCF_ONLY_AST,
                               dont_inherit=True)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return {}  # libcst reads what this Python does not (newer syntax)
    if not isinstance(tree, ast.Module):
        return {}
    found = _FromAst(text, line_starts)
    found.block(module.body, tree.body, skip)
    return found.ranges


#: libcst expression node -> the stdlib `ast` nodes whose range is its syntactic range
#: (a parenthesized tuple and a generator expression are matched apart: `ast`
#: counts their parentheses, libcst does not).
_SAME_RANGE: dict[type[cst.CSTNode], tuple[type[ast.AST], ...]] = {
    cst.Name: (ast.Name, ast.Constant), cst.Attribute: (ast.Attribute,),
    cst.SimpleString: (ast.Constant,), cst.ConcatenatedString: (ast.Constant, ast.JoinedStr),
    cst.FormattedString: (ast.JoinedStr,), cst.Integer: (ast.Constant,),
    cst.Float: (ast.Constant,), cst.Imaginary: (ast.Constant,), cst.Ellipsis: (ast.Constant,),
    cst.UnaryOperation: (ast.UnaryOp,), cst.BinaryOperation: (ast.BinOp,),
    cst.BooleanOperation: (ast.BoolOp,), cst.Comparison: (ast.Compare,),
    cst.Call: (ast.Call,), cst.Subscript: (ast.Subscript,), cst.List: (ast.List,),
    cst.Set: (ast.Set,), cst.Dict: (ast.Dict,), cst.ListComp: (ast.ListComp,),
    cst.SetComp: (ast.SetComp,), cst.DictComp: (ast.DictComp,), cst.Lambda: (ast.Lambda,),
    cst.IfExp: (ast.IfExp,), cst.Await: (ast.Await,), cst.NamedExpr: (ast.NamedExpr,),
    cst.Tuple: (ast.Tuple,),
}
class _FromAst:
    """The ranges the extractor asks for, from the positions Python's own parser
    gives (its libcst twin is matched by order). A node whose range `ast`
    cannot give exactly is left out: it is asked of the code generator."""

    def __init__(self, text: str, line_starts: list[int]) -> None:
        self.text = text
        self.at = Offsets(text, line_starts)
        self.ranges: dict[cst.CSTNode, tuple[int, int]] = {}

    def start(self, node: ast.expr | ast.stmt | ast.arg) -> int:
        return self.at(node.lineno, node.col_offset)

    def end(self, node: ast.expr | ast.stmt | ast.arg) -> int:
        assert node.end_lineno is not None and node.end_col_offset is not None
        return self.at(node.end_lineno, node.end_col_offset)

    def block(self, body: Sequence[cst.CSTNode], nodes: Sequence[ast.stmt],
              skip: Collection[int] = ()) -> None:
        pairs: list[tuple[cst.CSTNode, ast.stmt]] = []
        queue = iter(nodes)
        for stmt in body:
            for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else (stmt,):
                node = next(queue, None)
                if node is None:
                    return
                if id(stmt) not in skip:
                    pairs.append((small, node))
        if next(queue, None) is not None:
            return
        for small, node in pairs:
            self.statement(small, node)

    def statement(self, stmt: cst.CSTNode, node: ast.stmt) -> None:
        if isinstance(stmt, cst.FunctionDef) and isinstance(node, (ast.FunctionDef,
                                                                    ast.AsyncFunctionDef)):
            self.function(stmt, node)
        elif isinstance(stmt, cst.ClassDef) and isinstance(node, ast.ClassDef):
            self.named(stmt.name, node, CLASS)
            self.decorators(stmt.decorators, node.decorator_list)
            for arg, base in zip((a for a in stmt.bases), node.bases, strict=False):
                if arg.star == "":
                    self.expr(arg.value, base)
            keywords = [a for a in stmt.keywords if a.keyword is not None]
            for arg, keyword in zip(keywords, (k for k in node.keywords if k.arg is not None),
                                    strict=False):
                self.expr(arg.value, keyword.value)
            suite = stmt.body
            inner = suite.body if isinstance(suite, cst.IndentedBlock) else [suite]
            if isinstance(suite, cst.IndentedBlock):
                self.block(inner, node.body)
            else:
                self.block(suite.body, node.body)
        elif isinstance(stmt, cst.AnnAssign) and isinstance(node, ast.AnnAssign):
            self.expr(stmt.target, node.target)
            self.expr(stmt.annotation.annotation, node.annotation)
            if stmt.value is not None and node.value is not None:
                self.expr(stmt.value, node.value)
        elif isinstance(stmt, cst.Assign) and isinstance(node, ast.Assign):
            for target, name in zip(stmt.targets, node.targets, strict=False):
                self.expr(target.target, name)
            self.expr(stmt.value, node.value)
        elif isinstance(stmt, cst.Expr) and isinstance(node, ast.Expr):
            self.expr(stmt.value, node.value)
        elif isinstance(stmt, cst.If) and isinstance(node, ast.If):
            self.block(stmt.body.body, node.body)
            orelse = stmt.orelse
            if isinstance(orelse, cst.If):
                self.block([orelse], node.orelse)
            elif orelse is not None:
                self.block(orelse.body.body, node.orelse)
        elif isinstance(stmt, cst.Try) and isinstance(node, ast.Try):
            self.block(stmt.body.body, node.body)
            for handler, caught in zip(stmt.handlers, node.handlers, strict=False):
                self.block(handler.body.body, caught.body)
            if stmt.orelse is not None:
                self.block(stmt.orelse.body.body, node.orelse)
            if stmt.finalbody is not None:
                self.block(stmt.finalbody.body.body, node.finalbody)
        elif isinstance(stmt, cst.With) and isinstance(node, (ast.With, ast.AsyncWith)):
            self.block(stmt.body.body, node.body)

    def named(self, name: cst.Name, node: ast.stmt, keyword: re.Pattern[str]) -> None:
        """The name of a `def` or `class`, which `ast` gives no node of."""
        at = name_after(self.text, self.start(node), keyword, name.value)
        if at is not None:
            self.ranges[name] = (at, at + len(name.value))

    def decorators(self, decorators: Sequence[cst.Decorator], nodes: Sequence[ast.expr]) -> None:
        if len(decorators) != len(nodes):
            return
        text = self.text
        for decorator, node in zip(decorators, nodes, strict=True):
            at = decorator_at(text, self.start(node))
            if at is None or decorator.decorator.lpar:
                return
            self.ranges[decorator] = (at, self.end(node))
            self.expr(decorator.decorator, node)

    def function(self, stmt: cst.FunctionDef, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.named(stmt.name, node, DEF)
        self.decorators(stmt.decorators, node.decorator_list)
        if stmt.returns is not None and node.returns is not None:
            self.expr(stmt.returns.annotation, node.returns)
        if not stmt.decorators:
            return  # of an undecorated function only the return annotation is read
        p, a = stmt.params, node.args
        positional = [*p.posonly_params, *p.params]
        args = [*a.posonlyargs, *a.args]
        if len(positional) != len(args) or len(p.kwonly_params) != len(a.kwonlyargs):
            return
        defaults = [None] * (len(args) - len(a.defaults)) + list(a.defaults)
        pairs = [*zip(positional, args, defaults, strict=True),
                 *zip(p.kwonly_params, a.kwonlyargs, a.kw_defaults, strict=True)]
        if isinstance(p.star_arg, cst.Param) and a.vararg is not None:
            pairs.append((p.star_arg, a.vararg, None))
        if p.star_kwarg is not None and a.kwarg is not None:
            pairs.append((p.star_kwarg, a.kwarg, None))
        last = -1
        for param, arg, default in pairs:
            start = self.start(arg)
            if not self.text.startswith(param.name.value, start):
                return
            self.ranges[param.name] = (start, start + len(param.name.value))
            last = max(last, self.end(arg))
            if param.annotation is not None and arg.annotation is not None:
                self.expr(param.annotation.annotation, arg.annotation)
            if param.default is not None and default is not None:
                self.expr(param.default, default)
                last = max(last, self.end(default))
        name = self.ranges.get(stmt.name)
        found = None if name is None or stmt.type_parameters is not None \
            else params_range(self.text, name[1], last)
        if found is not None:
            self.ranges[p] = found

    def tuple(self, cnode: cst.Tuple, node: ast.expr) -> tuple[int, int] | None:
        """A tuple's range inside its parentheses (`ast` counts them): from its
        first element to its last and that one's comma."""
        if len(cnode.lpar) > 1 or not isinstance(node, ast.Tuple) \
                or len(cnode.elements) != len(node.elts):
            return None
        if not cnode.elements:
            if not cnode.lpar:
                return None
            after, before = cnode.lpar[0].whitespace_after, cnode.rpar[0].whitespace_before
            if not isinstance(after, cst.SimpleWhitespace) \
                    or not isinstance(before, cst.SimpleWhitespace):
                return None
            return self.start(node) + 1 + len(after.value), \
                self.end(node) - 1 - len(before.value)
        first, last = cnode.elements[0], cnode.elements[-1]
        if not isinstance(first, cst.Element) or not isinstance(last, cst.Element) \
                or not _outer(first.value) or not _outer(last.value):
            return None
        end = self.end(node.elts[-1])
        comma = last.comma
        if isinstance(comma, cst.Comma):
            if not isinstance(comma.whitespace_before, cst.SimpleWhitespace) or not (
                    isinstance(comma.whitespace_after, cst.SimpleWhitespace)
                    and comma.whitespace_after.value == ""):
                return None
            end += len(comma.whitespace_before.value) + 1
        return self.start(node.elts[0]), end

    def expr(self, cnode: cst.BaseExpression, node: ast.expr) -> None:
        kinds = _SAME_RANGE.get(type(cnode))
        if kinds is None or not isinstance(node, kinds):
            return
        start, end = self.start(node), self.end(node)
        if isinstance(cnode, cst.Tuple):
            inner = self.tuple(cnode, node)
            if inner is None:
                return
            start, end = inner
        self.ranges[cnode] = (start, end)
        if isinstance(cnode, cst.Attribute):
            return
        if isinstance(cnode, cst.Subscript) and isinstance(node, ast.Subscript):
            elements = cnode.slice
            if len(elements) == 1 and elements[0].comma is cst.MaybeSentinel.DEFAULT:
                items: Sequence[ast.expr] = [node.slice]
            elif isinstance(node.slice, ast.Tuple):
                items = node.slice.elts
            else:
                return
            self.expr(cnode.value, node.value)
            for sub, item in zip(elements, items, strict=False):
                if isinstance(sub.slice, cst.Index) and sub.slice.star is None:
                    self.expr(sub.slice.value, item)
        elif isinstance(cnode, cst.BinaryOperation) and isinstance(node, ast.BinOp):
            self.expr(cnode.left, node.left)
            self.expr(cnode.right, node.right)
        elif isinstance(cnode, (cst.List, cst.Tuple, cst.Set)) and isinstance(
                node, (ast.List, ast.Tuple, ast.Set)):
            for element, item in zip(cnode.elements, node.elts, strict=False):
                if isinstance(element, cst.Element):
                    self.expr(element.value, item)
        elif isinstance(cnode, cst.Dict) and isinstance(node, ast.Dict):
            for entry, key, value in zip(cnode.elements, node.keys, node.values, strict=False):
                if isinstance(entry, cst.DictElement) and key is not None:
                    self.expr(entry.key, key)
                    self.expr(entry.value, value)
        elif isinstance(cnode, cst.Call) and isinstance(node, ast.Call):
            self.expr(cnode.func, node.func)
            positional, keywords = iter(node.args), iter(node.keywords)
            for arg in cnode.args:
                if arg.star == "**" or arg.keyword is not None:
                    keyword = next(keywords, None)
                    if keyword is None:
                        return
                    if arg.keyword is not None:
                        self.expr(arg.value, keyword.value)
                else:
                    given = next(positional, None)
                    if given is None:
                        return
                    if not arg.star:
                        self.expr(arg.value, given)


def _outer(value: cst.BaseExpression) -> bool:
    """Whether `ast` starts and ends `value` where libcst's element holding it does."""
    return not value.lpar or (isinstance(value, cst.Tuple) and len(value.lpar) == 1)


class Positions:
    """Offsets of every node of one module, and their line/column spans."""

    code: str
    _ranges: dict[cst.CSTNode, tuple[int, int]]
    _line_starts: list[int]
    _source: tuple[cst.Module, set[int]] | None  # what `generated` reads when `ast` lacks a node
    _generated: dict[cst.CSTNode, tuple[int, int]] | None

    def __init__(self, module: cst.Module, skip: set[int] | None = None) -> None:
        """`skip`: ids of statements whose inner positions are never asked for."""
        state = _OffsetState(module, skip or set())
        module._codegen(state)
        self._ranges = state.ranges
        self.code = "".join(state.tokens)
        self._line_starts = line_starts(self.code)
        self._source = None
        self._generated = None

    @classmethod
    def of_statements(cls, module: cst.Module, text: str, skip: set[int],
                      parsed: ast.AST | None = None) -> Positions:
        """The ranges the extractor asks for (never of a statement in `skip`, nor
        inside a function's body), from Python's own parser where it gives them
        exactly (`parsed`: its tree of `text`, when already made); the rest, when
        first asked, from the code generator (`generated`)."""
        self = cls.__new__(cls)
        self.code = text
        self._line_starts = line_starts(text)
        self._ranges = _ast_ranges(module, text, self._line_starts, skip, parsed)
        self._source = (module, skip)
        self._generated = None
        return self

    @classmethod
    def generated(cls, module: cst.Module, text: str, skip: set[int]) -> Positions:
        """The same ranges from libcst's code generator, generating only what is
        needed: statements in `skip` not at all, a function only up to the colon
        of its `def`. Each generated piece is located in `text` (the source
        libcst round-trips exactly) after the previous one; if one cannot be
        found (a source libcst normalised), the whole module is generated."""
        self = cls.__new__(cls)
        ranges: dict[cst.CSTNode, tuple[int, int]] = {}
        cursor = 0
        for stmt in module.body:
            if id(stmt) in skip:
                continue
            generated = stmt.with_changes(body=_STUB_BODY) if isinstance(stmt, cst.FunctionDef) \
                else stmt
            state = _OffsetState(module, set())
            generated._codegen(state)
            code = "".join(state.tokens)
            if generated is not stmt:
                code = code[:state.ranges[_STUB_BODY][0]].rstrip(" \t")  # up to the colon
            at = _find_line_start(text, code, cursor)
            if at < 0:
                return cls(module, skip)
            limit = len(code)  # the stub body and its parts lie beyond the header
            for node, (start, end) in state.ranges.items():
                if end <= limit and node is not generated:
                    ranges[node] = (start + at, end + at)
            cursor = at + len(code)
        self._ranges = ranges
        self.code = text
        self._line_starts = line_starts(text)
        self._source = None
        self._generated = None
        return self

    def _range(self, node: cst.CSTNode) -> tuple[int, int]:
        found = self._ranges.get(node)
        if found is not None:
            return found
        if self._generated is None:
            if self._source is None:
                raise KeyError(node)
            reference = Positions.generated(self._source[0], self.code, self._source[1])
            if reference.code != self.code:  # libcst normalised the source: its offsets rule
                self.code, self._line_starts = reference.code, reference._line_starts
                self._ranges = {}
            self._generated = reference._ranges
        return self._generated[node]

    def _point(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def span(self, node: cst.CSTNode, end_node: cst.CSTNode | None = None) -> Span:
        start, end = self._range(node)
        if end_node is not None:
            end = self._range(end_node)[1]
        line, column = self._point(start)
        end_line, end_column = self._point(end)
        return Span(line, column, end_line, end_column)

    def line(self, node: cst.CSTNode) -> int:
        return self._point(self._range(node)[0])[0]

    def offsets(self, node: cst.CSTNode) -> tuple[int, int]:
        return self._range(node)
