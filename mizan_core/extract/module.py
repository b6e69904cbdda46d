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
"""

from __future__ import annotations

import ast
import inspect
import re
import sys
import warnings
from collections.abc import Iterable, Sequence

import libcst as cst

from ._bounds import too_big
from ._imports import ImportTable, absolute_module
from ._positions import Positions, Span
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

__all__ = ["parse_annotation", "read_module"]

_CONSTANT_NAMES = {"True": True, "False": False, "None": None}
_RECURSION = 12_000
_PARSE_ERROR = re.compile(r"^parser error: error at \d+:\d+: ")


def read_module(text: str, module: str, is_package: bool = False) -> ModuleFacts:
    refused = too_big(text)  # before libcst: its parser can crash or take minutes
    if refused is not None:
        return _broken(module, is_package, *refused)
    try:
        tree = cst.parse_module(text)
    except cst.ParserSyntaxError as error:
        return _broken(module, is_package, *_syntax_error(text, error))
    except (RecursionError, MemoryError, ValueError, TypeError, IndexError) as error:
        return _broken(module, is_package, f"cannot parse: {type(error).__name__}",
                       Span(1, 1, 1, 1))
    # libcst's code generator (positions) recurses about three frames per node
    # of a nested tree; the nesting is bounded above, but implicitly
    # concatenated strings nest one level per string.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, _RECURSION))
    try:
        return _Reader(tree, module, is_package, text).facts()
    except RecursionError:
        return _broken(module, is_package, "too deeply nested to read", Span(1, 1, 1, 1))
    finally:
        sys.setrecursionlimit(limit)


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


_NOWHERE = Span(0, 0, 0, 0)


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
    return (isinstance(test, cst.Name) and test.value == "TYPE_CHECKING") or (
        isinstance(test, cst.Attribute) and test.attr.value == "TYPE_CHECKING")


def _plain_function(node: cst.FunctionDef) -> FuncDecl:
    """An undecorated function: never a @client function, only a name other
    modules may refer to (`affects=helper`, `auth=rule`)."""
    return FuncDecl(name=node.name.value, qualname=node.name.value, span=_NOWHERE, line=0,
                    params=(), params_span=_NOWHERE, returns=None, decorators=(), doc=None)


def _clean_doc(node: cst.FunctionDef | cst.ClassDef) -> str | None:
    raw = node.get_docstring(clean=False)
    return None if raw is None else inspect.cleandoc(raw)


class _ExprReader:
    """libcst expression -> `Expr`; subclasses say where a node is."""

    def where(self, node: cst.CSTNode) -> tuple[str, Span]:
        raise NotImplementedError

    def expr(self, node: cst.BaseExpression) -> Expr:
        text, span = self.where(node)
        if isinstance(node, cst.Name):
            if node.value in _CONSTANT_NAMES:
                return ConstX(text, span, _CONSTANT_NAMES[node.value])
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


class _Reader(_ExprReader):
    def __init__(self, tree: cst.Module, module: str, is_package: bool, text: str) -> None:
        self.tree = tree
        self.module = module
        self.is_package = is_package
        self.pos = Positions.of_statements(
            tree, text, {id(stmt) for stmt in tree.body if _uninteresting(stmt)})
        self.code = self.pos.code
        self.imports = ImportTable()
        self.functions: dict[str, FuncDecl] = {}
        self.classes: dict[str, ClassDecl] = {}
        self.assigns: dict[str, Statement] = {}
        self.calls: list[CallStmt] = []
        self._type_checking = False  # inside `if TYPE_CHECKING:`
        # names an `except` handler or a later `elif`/`else` branch must not rebind:
        # the `try` body or the first branch bound them, and that is what runs
        self._kept: frozenset[str] = frozenset()

    def facts(self) -> ModuleFacts:
        self._block(self.tree.body)
        imported, discovers = imports_from_tree(self.tree, self.module, self.is_package)
        return ModuleFacts(module=self.module, is_package=self.is_package, imports=self.imports,
                           functions=self.functions, calls=tuple(self.calls),
                           classes=self.classes, assigns=self.assigns, imported=imported,
                           discovers=discovers)

    # --- statements -------------------------------------------------------------

    def _block(self, body: Iterable[cst.CSTNode]) -> None:
        for stmt in body:
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    self._small(small)
            elif isinstance(stmt, cst.FunctionDef):
                decl = self._function(stmt) if stmt.decorators else _plain_function(stmt)
                if decl.name not in self._kept:
                    self.functions[decl.name] = decl
                    self.imports.ranked(decl.name)
            elif isinstance(stmt, cst.ClassDef):
                if stmt.name.value not in self._kept:
                    self._class(stmt, "")
                    self.imports.ranked(stmt.name.value)
            elif isinstance(stmt, cst.If):
                branches = []
                orelse = stmt.orelse
                while orelse is not None:
                    branches.append(orelse.body.body)
                    orelse = orelse.orelse if isinstance(orelse, cst.If) else None
                if _is_type_checking(stmt.test) or self._type_checking:
                    # Imports under `if TYPE_CHECKING:` never run: they name what
                    # nothing else binds (the runtime reads them the same way).
                    guarded, self._type_checking = self._type_checking, True
                    self._block(stmt.body.body)
                    self._type_checking = guarded
                    for branch in branches:
                        self._block(branch)
                else:
                    self._alternatives(stmt.body.body, branches)
            elif isinstance(stmt, cst.Try):
                self._alternatives(stmt.body.body, [h.body.body for h in stmt.handlers])
                for extra in (stmt.orelse, stmt.finalbody):
                    if extra is not None:
                        self._block(extra.body.body)
            elif isinstance(stmt, cst.With):
                self._block(stmt.body.body)

    def _small(self, small: cst.BaseSmallStatement) -> None:
        if isinstance(small, cst.Import):
            for alias in small.names:
                name = _dotted(alias.name)
                if name is None:
                    continue
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    self._bind(alias.asname.name.value, name)
                else:
                    head = name.split(".")[0]
                    self._bind(head, head)
        elif isinstance(small, cst.ImportFrom):
            target = _dotted(small.module) if small.module is not None else ""
            base = absolute_module(self.module, self.is_package, len(small.relative), target or "")
            if base is None:
                return
            if isinstance(small.names, cst.ImportStar):
                self.imports.stars.append(base)
                return
            for alias in small.names:
                name = _dotted(alias.name)
                if name is None:
                    continue
                local = name
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    local = alias.asname.name.value
                self._bind(local, f"{base}.{name}")
        elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
            call = self.expr(small.value)
            if isinstance(call, CallX):
                self.calls.append(CallStmt(call))
        else:
            stmt = self._statement(small)
            if stmt is not None and stmt.name not in self._kept:
                self.assigns[stmt.name] = stmt
                self.imports.ranked(stmt.name)

    def _bind(self, local: str, target: str) -> None:
        if local not in self._kept and not (self._type_checking and local in self.imports.names):
            self.imports.bind(local, target)

    def _bindings(self) -> dict[str, object]:
        """What each module-level name is bound to now."""
        return {**{n: ("import", t) for n, t in self.imports.names.items()}, **self.assigns,
                **self.functions, **{n: c for n, c in self.classes.items() if "." not in n}}

    def _alternatives(self, first: Sequence[cst.CSTNode],
                      others: Sequence[Sequence[cst.CSTNode]]) -> None:
        """`first` is what normally runs (a `try` body, an `if` branch); each of
        `others` (handlers, later branches) binds only what none before it bound."""
        kept, before = self._kept, self._bindings()
        self._block(first)
        for other in others:
            self._kept = kept | {n for n, v in self._bindings().items() if before.get(n) != v}
            self._block(other)
        self._kept = kept

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
            doc=_clean_doc(node),
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
        return self.code[start:end], self.pos.span(node)
