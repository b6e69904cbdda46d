"""A file's `ModuleFacts` from the standard library's syntax tree, without libcst.

libcst's parse costs about fifteen times `ast.parse`, which the extractor
makes anyway (`_bounds.checked`): a cold export spends most of its time
there. So a whole file is read from the `ast` tree first, and this reader
gives exactly the facts libcst's (`module._Reader`) gives: the same
statements read (`_builder` decides what they bind), the same expressions,
the same source ranges (`_ranges`, the rules `_positions` matches libcst's
nodes to `ast`'s with), the same imports in the same order.

Where `ast` cannot say what libcst's tree would (a tuple's parentheses around
its first or last element, a generator expression's range, a starred
subscript, identifiers Python normalises, a file whose line breaks or form
feeds the two count apart), it gives up: `read` returns None and libcst
reads the file.
"""

from __future__ import annotations

import ast
import bisect
import re
import unicodedata
from collections.abc import Sequence
from functools import partial

from mizan_core.rules.sites import Span

from ._builder import TYPE_CHECKING_NAME, FactsBuilder, clean_doc, plain_function
from ._imports import absolute_module
from ._ranges import (
    CLASS,
    DEF,
    GAP,
    Offsets,
    ast_exact,
    decorator_at,
    line_starts,
    name_after,
    params_range,
)
from .facts import (
    ELLIPSIS,
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

__all__ = ["read"]

_DISCOVER = "mizan_clients"
_UNKNOWN_APP = "*"  # `_reach.UNKNOWN_APP` (that module loads libcst)
_SIMPLE = (ast.Import, ast.ImportFrom, ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign,
           ast.Pass, ast.Break, ast.Continue, ast.Return, ast.Raise, ast.Global, ast.Nonlocal,
           ast.Delete, ast.Assert)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
#: `ast` nodes whose range is libcst's syntactic range of its twin (`_positions._SAME_RANGE`);
#: a tuple is measured apart, a generator expression (its parentheses counted) never.
_SAME_RANGE = (ast.Name, ast.Constant, ast.Attribute, ast.JoinedStr, ast.UnaryOp, ast.BinOp,
               ast.BoolOp, ast.Compare, ast.Call, ast.Subscript, ast.List, ast.Set, ast.Dict,
               ast.ListComp, ast.SetComp, ast.DictComp, ast.Lambda, ast.IfExp, ast.Await,
               ast.NamedExpr)


class _GiveUp(Exception):
    """What libcst's tree would say here is not known exactly."""


def read(text: str, tree: ast.AST, module: str, is_package: bool) -> ModuleFacts | None:
    """The facts `module._read_whole` gives for `text` (`tree`: its `ast`), or
    None when they cannot be given exactly without libcst."""
    if not isinstance(tree, ast.Module) or not ast_exact(text):
        return None
    if not text.isascii() and not unicodedata.is_normalized("NFKC", text):
        return None  # Python's identifiers are NFKC-normalised, libcst's as spelled
    reader = _AstReader(text, module, is_package)
    try:
        reader.block(tree.body)
        imported, discovers = _Imports(reader).of(tree.body)
    except (_GiveUp, RecursionError):
        return None
    except Exception:  # noqa: BLE001  (a reading this module got wrong: libcst's stands)
        return None
    return reader.facts(imported, discovers)


class _AstReader(FactsBuilder[Sequence[ast.stmt]]):
    def __init__(self, text: str, module: str, is_package: bool) -> None:
        super().__init__(module, is_package)
        self.text = text
        self.starts = line_starts(text)
        self.at = Offsets(text, self.starts)

    # --- where things are -----------------------------------------------------------

    def start(self, node: ast.expr | ast.stmt | ast.arg | ast.keyword) -> int:
        return self.at(node.lineno, node.col_offset)

    def end(self, node: ast.expr | ast.stmt | ast.arg | ast.keyword) -> int:
        assert node.end_lineno is not None and node.end_col_offset is not None
        return self.at(node.end_lineno, node.end_col_offset)

    def point(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        return Span(*self.point(start), *self.point(end))

    def after(self, offset: int) -> int:
        """The offset past whitespace and comments (inside brackets) from `offset`."""
        gap = GAP.match(self.text, offset)
        return offset if gap is None else gap.end()

    def range(self, node: ast.expr) -> tuple[int, int]:
        if isinstance(node, ast.Tuple):
            return self.tuple_range(node)
        if not isinstance(node, _SAME_RANGE):
            raise _GiveUp
        return self.start(node), self.end(node)

    def parenthesized(self, node: ast.Tuple) -> bool:
        """Whether the tuple has parentheses (`ast` counts them, libcst does not);
        gives up when its first element has its own."""
        if not node.elts:
            return True
        first = node.elts[0]
        if isinstance(first, (ast.GeneratorExp, ast.Starred)):
            raise _GiveUp
        end = self.after(self.end(first))
        if self.text[end:end + 1] != ",":
            raise _GiveUp  # its own parentheses close after it (`((a), b)`)
        return self.start(node) != self.start(first)

    def tuple_range(self, node: ast.Tuple) -> tuple[int, int]:
        """A tuple's range inside its parentheses: from its first element to its
        last and that one's comma (`_positions._FromAst.tuple`)."""
        start, end, text = self.start(node), self.end(node), self.text
        if not node.elts:
            if text[start:start + 1] != "(" or end - start != 2:
                raise _GiveUp  # whitespace inside: which parenthesis holds it is libcst's choice
            return start + 1, end - 1
        parenthesized = self.parenthesized(node)
        last = node.elts[-1]
        if isinstance(last, (ast.GeneratorExp, ast.Starred)):
            raise _GiveUp
        last_end = self.end(last)
        at = last_end
        while text[at:at + 1] in (" ", "\t"):
            at += 1
        if text[at:at + 1] == ",":
            # what follows the last comma is the closing parenthesis's (or the line's)
            if (self.after(at + 1) if parenthesized else at + 1) != (end - 1 if parenthesized
                                                                     else end):
                raise _GiveUp
            return self.start(node.elts[0]), at + 1
        if parenthesized:
            if self.after(last_end) != end - 1:
                raise _GiveUp  # the last element's own parentheses close after it
        elif last_end != end:
            raise _GiveUp
        return self.start(node.elts[0]), last_end

    # --- expressions ---------------------------------------------------------------

    def expr(self, node: ast.expr) -> Expr:
        start, end = self.range(node)
        text, span = self.text[start:end], self.span(start, end)
        if isinstance(node, ast.Name):
            return NameX(text, span, node.id)
        if isinstance(node, ast.Constant):
            value = node.value
            if value is None or isinstance(value, bool):
                return ConstX(text, span, value)
            if value is Ellipsis:
                return ConstX(text, span, ELLIPSIS)
            if isinstance(value, (str, bytes, int, float)):
                return ConstX(text, span, value)
            return OtherX(text, span, "expr")  # an imaginary number
        if isinstance(node, ast.Attribute):
            dotted = _dotted(node)
            return NameX(text, span, dotted) if dotted else OtherX(text, span, "expr")
        if isinstance(node, ast.JoinedStr):
            # libcst: one f-string is a FormattedString; concatenated, it cannot be evaluated
            return OtherX(text, span, "expr" if _one_string(text) else "fstring")
        if isinstance(node, ast.UnaryOp):
            operand = node.operand
            if isinstance(node.op, ast.USub) and isinstance(operand, ast.Constant) \
                    and isinstance(operand.value, (int, float)) \
                    and not isinstance(operand.value, bool):
                return ConstX(text, span, -operand.value)
            return OtherX(text, span, "expr")
        if isinstance(node, ast.Subscript):
            return SubX(text, span, self.expr(node.value), self.slices(node.slice, text, span))
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.BitOr):
                return OrX(text, span, self.expr(node.left), self.expr(node.right))
            return OtherX(text, span, "expr")
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            items = tuple(OtherX(text, span, "star") if isinstance(e, ast.Starred)
                          else self.expr(e) for e in node.elts)
            return SeqX(text, span, _SEQUENCES[type(node)], items)
        if isinstance(node, ast.Dict):
            if any(key is None for key in node.keys):
                return OtherX(text, span, "expr")
            return DictX(text, span, tuple(self.expr(k) for k in node.keys if k is not None),
                         tuple(self.expr(v) for v in node.values))
        if isinstance(node, ast.Call):
            if any(isinstance(a, ast.Starred) for a in node.args) \
                    or any(k.arg is None for k in node.keywords):
                return OtherX(text, span, "call")
            return CallX(text, span, self.expr(node.func), tuple(self.expr(a) for a in node.args),
                         tuple((k.arg, self.expr(k.value)) for k in node.keywords
                               if k.arg is not None))
        if isinstance(node, ast.Lambda):
            return OtherX(text, span, "lambda")
        return OtherX(text, span, "expr")

    def slices(self, node: ast.expr, text: str, span: Span) -> tuple[Expr, ...]:
        """A subscript's elements: several (`x[a, b]`) when an unparenthesized tuple."""
        items = node.elts if isinstance(node, ast.Tuple) and not self.parenthesized(node) \
            else [node]
        out: list[Expr] = []
        for item in items:
            if isinstance(item, ast.Starred):
                raise _GiveUp
            out.append(OtherX(text, span, "slice") if isinstance(item, ast.Slice)
                       else self.expr(item))
        return tuple(out)

    # --- statements ----------------------------------------------------------------

    def suite(self, body: list[ast.stmt]) -> list[ast.stmt]:
        """A block's statements as libcst's reader reads them: none when they
        follow the colon on its line (libcst holds them as small statements)."""
        first = body[0]
        line = first.lineno
        before = self.text[self.starts[line - 1]:self.start(first)]
        if before.strip(" \t\f"):
            return []
        if line > 1 and self.text[:self.starts[line - 1]].rstrip("\r\n").endswith("\\"):
            raise _GiveUp  # a continued line: a block or the colon's line
        return body

    def block(self, body: Sequence[ast.stmt]) -> None:
        for stmt in body:
            if isinstance(stmt, _SIMPLE):
                self.small(stmt)
            elif isinstance(stmt, _FUNCTIONS):
                self.function(stmt.name, partial(self.declared, stmt))
            elif isinstance(stmt, ast.ClassDef):
                self.class_(stmt.name, partial(self.read_class, stmt, ""))
            elif isinstance(stmt, ast.If):
                branches = []
                orelse = stmt.orelse
                while orelse:
                    elif_ = orelse[0]
                    if len(orelse) == 1 and isinstance(elif_, ast.If) \
                            and self.text.startswith("elif", self.start(elif_)):
                        branches.append(self.suite(elif_.body))
                        orelse = elif_.orelse
                    else:
                        branches.append(self.suite(orelse))
                        break
                test = stmt.test
                type_checking = (isinstance(test, ast.Name) and test.id == TYPE_CHECKING_NAME) \
                    or (isinstance(test, ast.Attribute) and test.attr == TYPE_CHECKING_NAME)
                self.if_(type_checking, self.suite(stmt.body), branches)
            elif isinstance(stmt, ast.Try):
                self.try_(self.suite(stmt.body), [self.suite(h.body) for h in stmt.handlers],
                          [self.suite(extra) for extra in (stmt.orelse, stmt.finalbody) if extra])
            elif isinstance(stmt, (ast.With, ast.AsyncWith)):
                self.block(self.suite(stmt.body))

    def small(self, small: ast.stmt) -> None:
        if isinstance(small, ast.Import):
            for alias in small.names:
                self.import_name(alias.name, alias.asname)
        elif isinstance(small, ast.ImportFrom):
            names = None if small.names[0].name == "*" else [
                (alias.name, alias.asname) for alias in small.names]
            self.import_from(small.level, small.module or "", names)
        elif isinstance(small, ast.Expr) and isinstance(small.value, ast.Call):
            self.call(self.expr(small.value))
        else:
            self.assign(self.statement(small))

    def statement(self, small: ast.stmt) -> Statement | None:
        if isinstance(small, ast.AnnAssign) and isinstance(small.target, ast.Name):
            return Statement(small.target.id, self.name_span(small.target),
                             self.expr(small.annotation),
                             None if small.value is None else self.expr(small.value))
        if isinstance(small, ast.Assign) and len(small.targets) == 1 \
                and isinstance(small.targets[0], ast.Name):
            target = small.targets[0]
            return Statement(target.id, self.name_span(target), None, self.expr(small.value))
        return None

    def name_span(self, node: ast.Name) -> Span:
        return self.span(self.start(node), self.end(node))

    def named(self, node: ast.stmt, name: str, keyword: re.Pattern[str]) -> tuple[int, int]:
        """The range of a def's or class's name."""
        at = name_after(self.text, self.start(node), keyword, name)
        if at is None:
            raise _GiveUp
        return at, at + len(name)

    def decorators(self, nodes: list[ast.expr]) -> tuple[tuple[Expr, ...], int | None]:
        """The decorators, and the line of the first one's `@` (None: none)."""
        line = None
        for node in nodes:
            at = decorator_at(self.text, self.start(node))
            if at is None:
                raise _GiveUp
            if line is None:
                line = self.point(at)[0]
        return tuple(self.expr(d) for d in nodes), line

    def declared(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> FuncDecl:
        return self.read_function(node) if node.decorator_list else plain_function(node.name)

    def read_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> FuncDecl:
        name = self.named(node, node.name, DEF)
        decorators, line = self.decorators(node.decorator_list)
        a = node.args
        positional = [*a.posonlyargs, *a.args]
        defaults: list[ast.expr | None] = [None] * (len(positional) - len(a.defaults))
        defaults.extend(a.defaults)
        found = [*((arg, "positional", default) for arg, default in zip(positional, defaults,
                                                                       strict=True)),
                 *((arg, "keyword", default) for arg, default in zip(a.kwonlyargs, a.kw_defaults,
                                                                    strict=True))]
        if a.vararg is not None:
            found.append((a.vararg, "varargs", None))
        if a.kwarg is not None:
            found.append((a.kwarg, "varkw", None))
        params: list[ParamDecl] = []
        last = -1
        for arg, kind, default in found:
            start = self.start(arg)
            if not self.text.startswith(arg.arg, start):
                raise _GiveUp
            last = max(last, self.end(arg))
            if default is not None:
                last = max(last, self.end(default))
            params.append(ParamDecl(
                name=arg.arg, span=self.span(start, start + len(arg.arg)), kind=kind,
                annotation=None if arg.annotation is None else self.expr(arg.annotation),
                default=None if default is None else self.expr(default)))
        params.sort(key=lambda d: (d.span.line, d.span.column))
        inside = params_range(self.text, name[1], last)
        if inside is None:
            raise _GiveUp
        assert line is not None
        return FuncDecl(
            name=node.name, qualname=node.name, span=self.span(*name), line=line,
            params=tuple(params), params_span=self.span(*inside),
            returns=None if node.returns is None else self.expr(node.returns),
            decorators=decorators, doc=clean_doc(_docstring(node)),
            is_async=isinstance(node, ast.AsyncFunctionDef))

    def read_class(self, node: ast.ClassDef, outer: str) -> None:
        qualname = f"{outer}.{node.name}" if outer else node.name
        body: list[Statement] = []
        methods: list[str] = []
        returns: list[tuple[str, Expr | None]] = []
        for stmt in node.body:
            if isinstance(stmt, _SIMPLE):
                found = self.statement(stmt)
                if found is not None:
                    body.append(found)
            elif isinstance(stmt, ast.ClassDef):
                self.read_class(stmt, qualname)
            elif isinstance(stmt, _FUNCTIONS):
                methods.append(stmt.name)
                returns.append((stmt.name, None if stmt.returns is None
                                else self.expr(stmt.returns)))
        name = self.named(node, node.name, CLASS)
        decorators, line = self.decorators(node.decorator_list)
        self.classes[qualname] = ClassDecl(
            name=node.name, qualname=qualname, span=self.span(*name),
            line=line if line is not None else self.point(name[0])[0],
            bases=tuple(self.expr(base) for base in node.bases
                        if not isinstance(base, ast.Starred)),
            type_params=(), body=tuple(body), doc=clean_doc(_docstring(node)),
            methods=tuple(methods), method_returns=tuple(returns),
            keywords=tuple((k.arg, self.expr(k.value)) for k in node.keywords
                           if k.arg is not None),
            decorators=decorators,
        )


_SEQUENCES: dict[type[ast.AST], str] = {ast.List: "list", ast.Tuple: "tuple", ast.Set: "set"}


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Constant) and (node.value is None or isinstance(node.value, bool)):
        return str(node.value)  # libcst reads `True` as a name
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return None if head is None else f"{head}.{node.attr}"
    return None


def _docstring(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> str | None:
    first = node.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
            and isinstance(first.value.value, str):
        return first.value.value
    return None


def _one_string(text: str) -> bool:
    """Whether `text` (a string literal's range) is one string, not several
    concatenated: it ends where its first string's closing quote does."""
    at = 0
    while at < len(text) and text[at] not in "'\"":
        at += 1  # the prefix
    quote = text[at:at + 3] if text[at:at + 3] in ('"""', "'''") else text[at:at + 1]
    if not quote:
        return False
    at += len(quote)
    while at < len(text):
        if text[at] == "\\":
            at += 2
        elif text.startswith(quote, at):
            return at + len(quote) == len(text)
        else:
            at += 1
    return False


class _Imports:
    """`_reach.imports_from_tree` over `ast`: every statement anywhere, visited
    in the same order (a stack of libcst's statement lines: the small
    statements of one line, joined by `;`, are one)."""

    def __init__(self, reader: _AstReader) -> None:
        self.reader = reader
        self.imported: list[str] = []
        self.apps: list[str] = []

    def of(self, body: list[ast.stmt]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        stack: list[ast.stmt | list[ast.stmt]] = self.lines(body)
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                for small in node:
                    self.small(small)
            else:
                stack.extend(self.blocks(node))
        return tuple(dict.fromkeys(self.imported)), tuple(dict.fromkeys(self.apps))

    def lines(self, body: list[ast.stmt]) -> list[ast.stmt | list[ast.stmt]]:
        out: list[ast.stmt | list[ast.stmt]] = []
        line: list[ast.stmt] | None = None
        reader, text = self.reader, self.reader.text
        for stmt in body:
            if not isinstance(stmt, _SIMPLE):
                out.append(stmt)
                line = None
                continue
            if line is not None:
                at = reader.end(line[-1])
                while text[at:at + 1] in (" ", "\t", "\f"):
                    at += 1
                if text[at:at + 1] == ";":
                    at += 1
                    while text[at:at + 1] in (" ", "\t", "\f"):
                        at += 1
                    if at == reader.start(stmt):
                        line.append(stmt)
                        continue
                if text[at:at + 1] == "\\":
                    raise _GiveUp  # a continued line: a statement may follow
            line = [stmt]
            out.append(line)
        return out

    def blocks(self, node: ast.stmt) -> list[ast.stmt | list[ast.stmt]]:
        parts: list[list[ast.stmt]] = [getattr(node, "body", [])]
        parts.append(getattr(node, "orelse", []))
        parts.append(getattr(node, "finalbody", []))
        parts.extend(h.body for h in getattr(node, "handlers", ()))
        parts.extend(c.body for c in getattr(node, "cases", ()))
        return [item for part in parts for item in self.lines(part)]

    def small(self, small: ast.stmt) -> None:
        if isinstance(small, ast.Import):
            self.imported.extend(a.name for a in small.names)
        elif isinstance(small, ast.ImportFrom):
            base = absolute_module(self.reader.module, self.reader.is_package, small.level,
                                   small.module or "")
            if base is not None:
                self.imported.append(base)
                self.imported.extend(f"{base}:{a.name}" for a in small.names if a.name != "*")
        elif isinstance(small, ast.Expr) and isinstance(small.value, ast.Call):
            call = small.value
            head = _dotted(call.func)
            if head is None or head.rsplit(".", 1)[-1] != _DISCOVER:
                return
            reader = self.reader
            args: list[tuple[int, str]] = []
            for arg in call.args:
                args.append((reader.start(arg), _UNKNOWN_APP if isinstance(arg, ast.Starred)
                             else self.app(arg)))
            for keyword in call.keywords:
                args.append((reader.start(keyword), _UNKNOWN_APP if keyword.arg is None
                             else self.app(keyword.value)))
            self.apps.extend(app for _, app in sorted(args))

    def app(self, node: ast.expr) -> str:
        """The app a `mizan_clients` argument names: one string literal only."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            start, end = self.reader.start(node), self.reader.end(node)
            if _one_string(self.reader.text[start:end]):
                return node.value
        return _UNKNOWN_APP
