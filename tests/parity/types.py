"""Random type annotations, as trees a file spells in its own import style.

A `Ty` is drawn once and rendered where it is used, so the same type can be
written `Optional[datetime.date]` in one file and `date | None` in another.
Every form is one the contract says crosses JSON: scalars, containers under
each spelling `typing`, `collections.abc` and the builtins offer, optionals
and unions, `Literal`s, `Annotated`, and references to the project's own
models, enums and type aliases.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from .source import Draw, SourceFile

__all__ = ["Named", "Ty", "default_of", "render", "types"]


@dataclass(frozen=True)
class Named:
    """A model, enum, alias, dataclass or TypedDict that annotations may name."""

    module: str
    name: str
    kind: str  # "model" | "generic" | "enum" | "alias" | "dataclass" | "typeddict"
    hashable: bool = False
    #: Python source of a member, for enum defaults
    member: str | None = None
    #: for aliases: what it stands for
    of: Ty | None = None


@dataclass(frozen=True)
class Ty:
    kind: str  # prim literal ref list set tuple tuplevar dict optional union annotated
    name: str = ""  # prim name, or the container's spelling
    args: tuple[Ty, ...] = ()
    values: tuple[object, ...] = ()
    ref: Named | None = None

    @property
    def hashable(self) -> bool:
        if self.kind == "prim":
            return self.name not in ("any",)
        if self.kind == "ref":
            return self.ref is not None and self.ref.hashable
        return self.kind == "literal"


#: prim -> (module, name) or a builtin spelt as is
_PRIMS: dict[str, tuple[str, str] | str] = {
    "int": "int", "float": "float", "str": "str", "bool": "bool",
    "datetime": ("datetime", "datetime"), "date": ("datetime", "date"),
    "time": ("datetime", "time"), "uuid": ("uuid", "UUID"), "decimal": ("decimal", "Decimal"),
    "any": ("typing", "Any"),
}
_STRUCTURED_PRIMS = {"timedelta": ("datetime", "timedelta")}
_LISTS: tuple[tuple[str, str] | str, ...] = (
    "list", ("typing", "List"), ("typing", "Sequence"), ("collections.abc", "Sequence"),
    ("typing", "Iterable"))
_SETS: tuple[tuple[str, str] | str, ...] = (
    "set", "frozenset", ("typing", "Set"), ("typing", "FrozenSet"), ("typing", "AbstractSet"))
_TUPLES: tuple[tuple[str, str] | str, ...] = ("tuple", ("typing", "Tuple"))
_DICTS: tuple[tuple[str, str] | str, ...] = (
    "dict", ("typing", "Dict"), ("typing", "Mapping"), ("collections.abc", "Mapping"))
_LITERALS = (("typing", "Literal"), ("typing_extensions", "Literal"))
LITERAL_VALUES = ("a", "b", "on", "off", 1, 2, 3)


def _spell(file: SourceFile, draw: Draw, spelling: tuple[str, str] | str) -> str:
    if isinstance(spelling, str):
        return spelling
    return file.ref(draw, *spelling)


def _key(spelling: tuple[str, str] | str) -> str:
    return spelling if isinstance(spelling, str) else ":".join(spelling)


def _unkey(key: str) -> tuple[str, str] | str:
    return tuple(key.split(":", 1)) if ":" in key else key  # type: ignore[return-value]


def render(ty: Ty, file: SourceFile, draw: Draw) -> str:
    """`ty` as this file writes it."""
    if ty.kind == "prim":
        return "None" if ty.name == "none" else _spell(
            file, draw, {**_PRIMS, **_STRUCTURED_PRIMS}[ty.name])
    if ty.kind == "ref":
        assert ty.ref is not None
        head = file.ref(draw, ty.ref.module, ty.ref.name)
        if ty.ref.kind == "generic":  # `Page[Item]`: one type argument
            return f"{head}[{render(ty.args[0], file, draw)}]"
        return head
    if ty.kind == "literal":
        head = _spell(file, draw, _unkey(ty.name))
        return f"{head}[{', '.join(repr(v) for v in ty.values)}]"
    args = [render(a, file, draw) for a in ty.args]
    if ty.kind == "optional":
        if ty.name == "pipe":
            return f"{args[0]} | None"
        if ty.name == "union":
            return f"{file.ref(draw, 'typing', 'Union')}[{args[0]}, None]"
        return f"{file.ref(draw, 'typing', 'Optional')}[{args[0]}]"
    if ty.kind == "union":
        if ty.name == "pipe":
            return " | ".join(args)
        return f"{file.ref(draw, 'typing', 'Union')}[{', '.join(args)}]"
    if ty.kind == "annotated":
        return f'{file.ref(draw, "typing", "Annotated")}[{args[0]}, "doc"]'
    head = _spell(file, draw, _unkey(ty.name))
    if ty.kind == "tuplevar":
        return f"{head}[{args[0]}, ...]"
    if ty.kind == "dict":
        return f"{head}[str, {args[0]}]"
    return f"{head}[{', '.join(args)}]"


def default_of(ty: Ty, file: SourceFile, draw: Draw) -> str | None:
    """Python source of a valid default for `ty`, or None when it has no simple one."""
    if ty.kind == "optional":
        return "None"
    if ty.kind == "literal":
        return repr(ty.values[0])
    if ty.kind == "prim":
        return {"int": "0", "str": '"x"', "bool": "False", "float": "1.5"}.get(ty.name)
    if ty.kind == "ref" and ty.ref is not None and ty.ref.kind == "enum" and ty.ref.member:
        return f"{file.ref(draw, ty.ref.module, ty.ref.name)}.{ty.ref.member}"
    if ty.kind == "annotated":
        return default_of(ty.args[0], file, draw)
    return None


def _leaf(draw: Draw, scope: tuple[Named, ...], features: frozenset[str],
          hashable: bool = False) -> Ty:
    prims = [p for p in _PRIMS if not (hashable and p == "any")]
    if "structured_types" in features:
        prims.append("timedelta")
    named = [n for n in scope if n.hashable or not hashable]
    kinds = ["prim", "prim", "literal"] + (["ref", "ref"] if named else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "prim":
        return Ty("prim", draw(st.sampled_from(prims)))
    if kind == "literal":
        pool = LITERAL_VALUES + ((1.5,) if "float_values" in features else ())
        values = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
        return Ty("literal", _key(draw(st.sampled_from(_LITERALS))), values=tuple(values))
    chosen = draw(st.sampled_from(named))
    if chosen.kind == "generic":
        plain = tuple(n for n in scope if n.kind in ("model", "enum"))
        arg = _leaf(draw, plain, features)
        while "generic_arguments" not in features and not _plain_argument(arg):
            arg = _leaf(draw, plain, features)
        return Ty("ref", ref=chosen, args=(arg,))
    return Ty("ref", ref=chosen)


def _plain_argument(ty: Ty) -> bool:
    """A type argument of a generic model both sides label alike today."""
    if ty.kind == "prim":
        return ty.name in ("int", "str", "bool", "float")
    return ty.kind == "ref" and ty.ref is not None and ty.ref.kind == "model"


def types(draw: Draw, scope: tuple[Named, ...], features: frozenset[str], depth: int = 2) -> Ty:
    """One annotation over the named types in `scope`."""
    if depth <= 0 or draw(st.integers(0, 2)) == 0:
        return _leaf(draw, scope, features)
    kind = draw(st.sampled_from(["list", "set", "tuple", "tuplevar", "dict", "optional",
                                 "optional", "union", "annotated"]))
    if kind == "list":
        return Ty("list", _key(draw(st.sampled_from(_LISTS))),
                  (types(draw, scope, features, depth - 1),))
    if kind == "set":
        return Ty("set", _key(draw(st.sampled_from(_SETS))),
                  (_leaf(draw, scope, features, hashable=True),))
    if kind == "tuple":
        n = draw(st.integers(1, 3))
        return Ty("tuple", _key(draw(st.sampled_from(_TUPLES))),
                  tuple(types(draw, scope, features, depth - 1) for _ in range(n)))
    if kind == "tuplevar":
        return Ty("tuplevar", _key(draw(st.sampled_from(_TUPLES))),
                  (types(draw, scope, features, depth - 1),))
    if kind == "dict":
        return Ty("dict", _key(draw(st.sampled_from(_DICTS))),
                  (types(draw, scope, features, depth - 1),))
    if kind == "optional":
        inner = types(draw, scope, features, depth - 1)
        while inner.kind in ("optional", "union") or (inner.kind == "prim"
                                                       and inner.name == "any"):
            inner = _leaf(draw, scope, features, hashable=True)
        return Ty("optional", draw(st.sampled_from(["optional", "pipe", "union"])), (inner,))
    if kind == "union":
        # distinct scalars only: Python folds equal members of a union away
        names = draw(st.lists(st.sampled_from(["int", "str", "bool", "float", "date"]),
                              min_size=2, max_size=3, unique=True))
        return Ty("union", draw(st.sampled_from(["union", "pipe"])),
                  tuple(Ty("prim", n) for n in names))
    inner = types(draw, scope, features, depth - 1)
    while inner.kind == "annotated":
        inner = _leaf(draw, scope, features)
    return Ty("annotated", args=(inner,))
