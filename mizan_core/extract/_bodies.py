"""What the bodies of one module's functions do with the Django ORM.

Read with the standard library's `ast` (bodies are not part of ModuleFacts,
which keep only declarations): per function, the ORM writes it makes, the
models it reads and the names it calls. A model is a name the module treats
as one: a class defined on `Model`/`models.Model`, a name imported from a
`models` module, or a name used as `Name.objects`. What a receiver is comes
from the function's own assignments and annotations (`cart = Cart.objects.get(...)`,
`get_object_or_404(Cart, ...)`, `item: Item`); nothing is inferred across calls.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

__all__ = ["BodyFacts", "FunctionBody", "WriteCall", "read_bodies"]

# Names that write whatever they are called on: too distinctive to be a dict's.
_ALWAYS = frozenset({"save", "bulk_create", "bulk_update", "get_or_create", "update_or_create"})
# Names that write only on a manager, a queryset, a model instance or a
# related manager (`d.update()`, `s.add()`, `cache.set()` are not the ORM).
_ORM_ONLY = frozenset({"create", "update", "delete", "add", "remove", "set", "clear"})
WRITE_METHODS = _ALWAYS | _ORM_ONLY
_TO_INSTANCE = frozenset({"get", "first", "last", "latest", "earliest", "create", "get_or_none"})
_TO_PAIR = frozenset({"get_or_create", "update_or_create"})
_TO_QUERYSET = frozenset({
    "all", "filter", "exclude", "order_by", "select_related", "prefetch_related", "distinct",
    "annotate", "only", "defer", "using", "select_for_update", "reverse", "none", "alias",
})
_LOOKUPS = frozenset({"get_object_or_404", "get_list_or_404"})
# Receivers that are never the ORM, whatever they call (`request.session.save()`).
_NOT_ORM_ROOTS = frozenset({"request", "session", "cache"})


@dataclass(frozen=True, slots=True)
class WriteCall:
    method: str
    model: str | None  # `Cart`, `Cart.items` (a related manager) or None (unresolved)
    text: str  # the receiver and method as written: `Cart.objects.create`
    line: int


@dataclass(frozen=True, slots=True)
class FunctionBody:
    writes: tuple[WriteCall, ...]
    reads: frozenset[str]  # models (and related managers) the body touches
    calls: tuple[str, ...]  # dotted names called, as written


@dataclass(frozen=True, slots=True)
class BodyFacts:
    functions: dict[str, FunctionBody]  # by qualname
    imports: dict[str, str]  # local name -> dotted target (`pkg.mod` or `pkg.mod.name`)
    # (model, attribute) -> the model a related manager holds: `("Cart", "items") -> "Item"`
    # from `cart = ForeignKey(Cart, related_name="items")` on Item, and the
    # other way for a ManyToManyField
    relations: dict[tuple[str, str], str]


# (kind, model): kind is "class", "manager", "queryset", "instance", "pair", "related"
_Kind = tuple[str, str]


def read_bodies(text: str, module: str, is_package: bool) -> BodyFacts:
    try:
        tree = ast.parse(text)
        # One walk for both (a keystroke re-reads the edited module's bodies).
        nodes = list(ast.walk(tree))
        imports = _imports(nodes, module, is_package)
        models = _model_names(nodes, imports)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return BodyFacts({}, {}, {})
    functions: dict[str, FunctionBody] = {}
    try:
        for qualname, node in _functions(tree.body, ""):
            functions[qualname] = _Body(models).read(node)
        relations = _relations(tree)
    except RecursionError:  # a body nested too deep to walk: its writes stay unknown
        return BodyFacts(functions, imports, {})
    return BodyFacts(functions, imports, relations)


_RELATED = frozenset({"ForeignKey", "OneToOneField", "ManyToManyField"})


def _relations(tree: ast.Module) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for cls in tree.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        for stmt in cls.body:
            if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                    and isinstance(stmt.targets[0], ast.Name) and isinstance(stmt.value, ast.Call)):
                continue
            call, field = stmt.value, stmt.targets[0].id
            kind = _dotted(call.func).rsplit(".", 1)[-1]
            if kind not in _RELATED or not call.args:
                continue
            first = call.args[0]
            other = first.id if isinstance(first, ast.Name) else \
                first.value.rsplit(".", 1)[-1] if isinstance(first, ast.Constant) \
                and isinstance(first.value, str) else None
            if other is None:
                continue
            other = cls.name if other == "self" else other
            related = next((k.value.value for k in call.keywords if k.arg == "related_name"
                            and isinstance(k.value, ast.Constant)
                            and isinstance(k.value.value, str)), f"{cls.name.lower()}_set")
            found[(other, related)] = cls.name
            if kind == "ManyToManyField":
                found[(cls.name, field)] = other
    return found


def _functions(body: list[ast.stmt], prefix: str
               ) -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    found: list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]] = []
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.append((prefix + stmt.name, stmt))
        elif isinstance(stmt, ast.ClassDef):
            found.extend(_functions(stmt.body, f"{prefix}{stmt.name}."))
    return found


def _imports(nodes: list[ast.AST], module: str, is_package: bool) -> dict[str, str]:
    table: dict[str, str] = {}
    package = module if is_package else module.rpartition(".")[0]
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    table[alias.asname] = alias.name
                else:
                    head = alias.name.partition(".")[0]
                    table[head] = head
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".") if package else []
                parts = parts[:len(parts) - (node.level - 1)] if node.level > 1 else parts
                base = ".".join([*parts, *([base] if base else [])])
            for alias in node.names:
                if alias.name != "*":
                    table[alias.asname or alias.name] = f"{base}.{alias.name}" if base else alias.name
    return table


def _model_names(nodes: list[ast.AST], imports: dict[str, str]) -> frozenset[str]:
    names = {local for local, target in imports.items()
             if target.rpartition(".")[0].rsplit(".", 1)[-1] == "models"
             and local[:1].isupper()}
    for node in nodes:
        if isinstance(node, ast.ClassDef) and any(_dotted(b).rsplit(".", 1)[-1] == "Model"
                                                  for b in node.bases):
            names.add(node.name)
        elif isinstance(node, ast.Attribute) and node.attr == "objects" \
                and isinstance(node.value, ast.Name):
            names.add(node.value.id)
    return frozenset(names)


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return f"{head}.{node.attr}" if head else ""
    return ""


class _Body:
    def __init__(self, models: frozenset[str]) -> None:
        self.models = models
        self.env: dict[str, _Kind] = {}
        self.writes: list[WriteCall] = []
        self.reads: set[str] = set()
        self.calls: list[str] = []

    def read(self, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> FunctionBody:
        args = fn.args
        for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
            model = self._annotated(arg.annotation)
            if model is not None:
                self.env[arg.arg] = ("instance", model)
        returned = self._annotated(fn.returns)
        if returned is not None:
            self.reads.add(returned)
        for stmt in fn.body:
            self._statement(stmt)
        return FunctionBody(tuple(self.writes), frozenset(self.reads), tuple(self.calls))

    def _annotated(self, annotation: ast.expr | None) -> str | None:
        """`Item`, `Optional[Item]`, `list[Item]`, `"Item"`: the model named."""
        if annotation is None:
            return None
        for node in ast.walk(annotation):
            name = node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                else node.id if isinstance(node, ast.Name) else None
            if name in self.models:
                return name
        return None

    def _statement(self, stmt: ast.stmt) -> None:
        # Source order, so an assignment is known before the calls after it.
        for node in _in_order(stmt):
            if isinstance(node, ast.Call):
                self._call(node)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                self._assign(node)
            elif isinstance(node, (ast.For, ast.AsyncFor)):
                kind = self._kind(node.iter)
                if kind is not None and kind[0] in ("queryset", "manager", "related") \
                        and isinstance(node.target, ast.Name):
                    self.env[node.target.id] = ("instance", kind[1])

    def _assign(self, node: ast.Assign | ast.AnnAssign) -> None:
        value = node.value
        if value is None:
            return
        kind = self._kind(value)
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if isinstance(node, ast.AnnAssign) and kind is None:
            model = self._annotated(node.annotation)
            kind = ("instance", model) if model is not None else None
        for target in targets:
            if isinstance(target, ast.Name) and kind is not None and kind[0] != "pair":
                self.env[target.id] = kind
            elif isinstance(target, ast.Tuple) and kind is not None and kind[0] == "pair" \
                    and target.elts and isinstance(target.elts[0], ast.Name):
                self.env[target.elts[0].id] = ("instance", kind[1])

    def _kind(self, node: ast.expr) -> _Kind | None:
        if isinstance(node, ast.Name):
            if node.id in self.env:
                return self.env[node.id]
            return ("class", node.id) if node.id in self.models else None
        if isinstance(node, ast.Attribute):
            inner = self._kind(node.value)
            if inner is None:
                return None
            if inner[0] == "class":
                return ("manager", inner[1]) if node.attr in ("objects", "_default_manager") \
                    else None
            if inner[0] == "instance" and not node.attr.startswith("_"):
                return ("related", f"{inner[1]}.{node.attr}")
            return None
        if isinstance(node, ast.Await):
            return self._kind(node.value)
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                if func.id in _LOOKUPS and node.args:
                    base = self._kind(node.args[0])
                    if base is not None:
                        return ("instance" if func.id == "get_object_or_404" else "queryset",
                                base[1])
                inner = self._kind(func)
                return ("instance", inner[1]) if inner is not None and inner[0] == "class" \
                    else None
            if isinstance(func, ast.Attribute):
                inner = self._kind(func.value)
                if inner is None or inner[0] not in ("manager", "queryset", "related"):
                    return None
                method = func.attr.removeprefix("a") if func.attr.startswith("a") \
                    and func.attr[1:] in (_TO_INSTANCE | _TO_PAIR) else func.attr
                if method in _TO_PAIR:
                    return ("pair", inner[1])
                if method in _TO_INSTANCE:
                    return ("instance", inner[1])
                if method in _TO_QUERYSET:
                    return ("queryset", inner[1])
        return None

    def _call(self, node: ast.Call) -> None:
        func = node.func
        dotted = _dotted(func)
        if isinstance(func, ast.Name):
            self.calls.append(func.id)
            if func.id in _LOOKUPS and node.args:
                base = self._kind(node.args[0])
                if base is not None:
                    self.reads.add(base[1])
            return
        if not isinstance(func, ast.Attribute):
            return
        if dotted:
            self.calls.append(dotted)
        receiver = self._kind(func.value)
        if receiver is not None and receiver[0] != "class":
            self.reads.add(receiver[1])
            if receiver[0] == "related":
                self.reads.add(receiver[1].partition(".")[0])
        method = func.attr
        if method.startswith("a") and method[1:] in WRITE_METHODS:
            method = method[1:]  # the async spellings: `acreate`, `asave`, `aupdate`
        if method not in WRITE_METHODS:
            return
        if receiver is not None and receiver[0] in ("manager", "queryset", "related", "instance"):
            self.writes.append(WriteCall(method, receiver[1], _text(func), node.lineno))
        elif method in _ALWAYS and receiver is None and _root(func.value) not in _NOT_ORM_ROOTS:
            self.writes.append(WriteCall(method, None, _text(func), node.lineno))


def _root(node: ast.expr) -> str:
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ""


def _text(node: ast.expr) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 60 else "..." + text[-57:]


def _in_order(stmt: ast.stmt) -> list[ast.AST]:
    """Every node of `stmt`, a call's arguments and receiver before the call,
    an assignment after its value; nested functions and classes left out
    (they are read as their own functions)."""
    out: list[ast.AST] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)) \
                and node is not stmt:
            return
        if isinstance(node, (ast.For, ast.AsyncFor)):
            visit(node.iter)
            out.append(node)  # binds the loop variable before the body uses it
            for statement in (*node.body, *node.orelse):
                visit(statement)
            return
        for child in ast.iter_child_nodes(node):
            visit(child)
        out.append(node)

    visit(stmt)
    return out
