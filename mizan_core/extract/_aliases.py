"""pydantic's `alias_generator`, read from source, so the static IR names the
same JSON keys as the runtime one.

A model's config says how its fields are spelled on the wire:
`model_config = ConfigDict(alias_generator=to_camel)` (or a dict literal, or a
`class Model(BaseModel, alias_generator=...)` keyword) makes `first_name`
travel as `firstName`. pydantic merges config down the bases (the last base
that sets it wins, the class's own setting wins over all), and applies the
class's generator to every field, inherited ones included, that has no
explicit `Field(alias=...)`.

The three generators pydantic ships (`pydantic.alias_generators.to_camel`,
`to_pascal`, `to_snake`) are pure string functions: they are re-implemented
here (mizan_core does not import pydantic) and tested against pydantic's own.
Any other generator (a lambda, a project function, an `AliasGenerator(...)`)
only runs at import time, so the static side cannot know the keys: the rule
carries a `problem` and the model reader reports `mizan-unresolved`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from mizan_core.ir import FieldDef

from ._symbols import Symbols
from .facts import CallX, ClassDecl, ConstX, DictX, Expr, ModuleFacts, NameX

__all__ = ["AliasRule", "apply_alias_rule", "own_alias_rule", "to_camel", "to_pascal", "to_snake",
           "yields_to_generator"]

_MAX_HOPS = 8  # `model_config = SHARED`, `SHARED = OTHER`, ...
_CONFIG_DICTS = frozenset({"pydantic.ConfigDict", "pydantic.config.ConfigDict"})

# An underscore between a letter or digit and a capital or digit, after
# `str.title()` (which capitalises after every non-letter, digits included).
_PASCAL_JOIN = re.compile(r"(?<=[0-9A-Za-z])_(?=[0-9A-Z])")
_ALREADY_CAMEL = re.compile(r"[a-z]+[A-Za-z0-9]*")
_DIGIT_LOWER = re.compile(r"\d[a-z]")
_FIRST_CAPITAL = re.compile(r"^(_*)([A-Z])")
_SNAKE_STEPS = (
    re.compile(r"([A-Z]+)([A-Z][a-z])"),  # `HTTPServer` -> `HTTP_Server`
    re.compile(r"([a-z])([A-Z])"),  # `firstName` -> `first_Name`
    re.compile(r"([0-9])([A-Z])"),  # `v2Beta` -> `v2_Beta`
    re.compile(r"([a-z])([0-9])"),  # `line2` -> `line_2`
)


def to_pascal(name: str) -> str:
    return _PASCAL_JOIN.sub("", name.title())


def to_camel(name: str) -> str:
    if _ALREADY_CAMEL.fullmatch(name) and not _DIGIT_LOWER.search(name):
        return name
    return _FIRST_CAPITAL.sub(lambda m: m[1] + m[2].lower(), to_pascal(name), count=1)


def to_snake(name: str) -> str:
    for step in _SNAKE_STEPS:
        name = step.sub(r"\1_\2", name)
    return name.replace("-", "_").lower()


_KNOWN: dict[str, Callable[[str], str]] = {
    "pydantic.alias_generators.to_camel": to_camel,
    "pydantic.alias_generators.to_pascal": to_pascal,
    "pydantic.alias_generators.to_snake": to_snake,
}


@dataclass(frozen=True, slots=True)
class AliasRule:
    """Where a model's `alias_generator` is set (`expr` in `module`) and what
    it does: `generate` for a known generator, neither for
    `alias_generator=None`, `problem` when the static side cannot tell."""

    module: str
    expr: Expr
    generate: Callable[[str], str] | None = None
    problem: str | None = None


def own_alias_rule(decl: ClassDecl, facts: ModuleFacts, symbols: Symbols,
                   load: Callable[[str], ModuleFacts | None]) -> AliasRule | None:
    """What `decl` itself sets (None: it says nothing, the bases decide)."""
    found: AliasRule | None = None
    for stmt in decl.body:
        if stmt.name == "model_config" and stmt.value is not None:
            found = _from_config(stmt.value, facts, symbols, load, 0)  # the last one holds
    for key, value in decl.keywords:  # class keywords override model_config
        if key == "alias_generator":
            found = _rule(value, facts, symbols, load)
    return found


def _from_config(expr: Expr, facts: ModuleFacts, symbols: Symbols,
                 load: Callable[[str], ModuleFacts | None], hops: int) -> AliasRule | None:
    if isinstance(expr, CallX) and isinstance(expr.func, NameX) \
            and _external(symbols, facts, expr.func.dotted) in _CONFIG_DICTS and not expr.args:
        value = expr.kwarg("alias_generator")
        return None if value is None else _rule(value, facts, symbols, load)
    if isinstance(expr, DictX) and all(isinstance(k, ConstX) and isinstance(k.value, str)
                                       for k in expr.keys):
        values = [v for k, v in zip(expr.keys, expr.values)
                  if isinstance(k, ConstX) and k.value == "alias_generator"]
        return _rule(values[-1], facts, symbols, load) if values else None
    followed = _follow(expr, facts, symbols, load, hops)
    if followed is not None:
        return _from_config(followed[0], followed[1], symbols, load, hops + 1)
    return AliasRule(facts.module, expr, problem=(
        f"`model_config = {expr.text}` is not a ConfigDict(...) or dict literal Mizan can "
        "read, so it cannot tell whether an alias_generator renames the fields"))


def _rule(expr: Expr, facts: ModuleFacts, symbols: Symbols,
          load: Callable[[str], ModuleFacts | None]) -> AliasRule:
    where = (expr, facts)
    for hops in range(_MAX_HOPS):
        value, home = where
        if isinstance(value, ConstX) and value.value is None:
            return AliasRule(facts.module, expr)
        if isinstance(value, NameX):
            generate = _KNOWN.get(_external(symbols, home, value.dotted))
            if generate is not None:
                return AliasRule(facts.module, expr, generate)
        followed = _follow(value, home, symbols, load, hops)
        if followed is None:
            break
        where = followed
    return AliasRule(facts.module, expr, problem=(
        f"`alias_generator={expr.text}` runs only when Python imports the model; Mizan "
        "applies pydantic's to_camel, to_pascal and to_snake from source, no other generator"))


def _follow(expr: Expr, facts: ModuleFacts, symbols: Symbols,
            load: Callable[[str], ModuleFacts | None], hops: int) -> tuple[Expr, ModuleFacts] | None:
    """A name bound by a module-level assignment -> the assigned value."""
    if not isinstance(expr, NameX) or hops >= _MAX_HOPS:
        return None
    target = symbols.resolve(facts, expr.dotted)
    if target.kind != "assign" or target.rest:
        return None
    home = load(target.module)
    stmt = home.assigns.get(target.name) if home is not None else None
    if home is None or stmt is None or stmt.value is None:
        return None
    return stmt.value, home


def _external(symbols: Symbols, facts: ModuleFacts, dotted: str) -> str:
    target = symbols.resolve(facts, dotted)
    return target.name if target.kind == "external" else ""


def yields_to_generator(field_call: CallX) -> bool:
    """`Field(alias=..., alias_priority=1)`: pydantic lets the generator win."""
    priority = field_call.kwarg("alias_priority")
    return isinstance(priority, ConstX) and isinstance(priority.value, int) \
        and not isinstance(priority.value, bool) and priority.value <= 1


def apply_alias_rule(rule: AliasRule, model: str, fields: dict[str, FieldDef],
                     explicit: set[str]) -> str | None:
    """Name `fields` (inherited ones included) as the class's generator does,
    except the `explicit` ones. Returns the message to report when the
    generator is unknown and some field depends on it."""
    generated = [name for name in fields if name not in explicit]
    if rule.problem is not None:
        return None if not generated else (
            f"{rule.problem}; the JSON keys of `{model}` are unknown, so the IR keeps the "
            "Python names. Use one of those generators or give each field Field(alias=...).")
    if rule.generate is not None:
        for name in generated:
            alias = rule.generate(name)
            fields[name] = replace(fields[name], alias=alias if alias != name else None)
    return None
