"""What a declaration means in the IR: one rule per fact, for every producer.

The static extractor reads `@client(...)`, `register(...)` and form and
channel classes from source; the runtime export reads the live decorator
metadata and registry; the language server answers questions about both.
Each of them asks this module, and nothing else, what a declaration becomes:

- which modules `mizan_clients("app")` imports (`AUTODISCOVERED`);
- the IR access rule of an `auth=` value (`auth_rule`);
- what an `affects=` item names: a string is a context first and a registered
  function second (`target_kind`); a function object names the public names
  it is registered under, and nothing at all when it is not registered
  (`function_affects`), which is a `mizan-affects` error, never a guess by
  its Python name;
- which of a mutation's parameters scope an invalidation (`scope_for`);
- the public names a form claims (`form_names`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from .model import Affect, AffectKind, AuthRule, Function, Param

__all__ = [
    "AUTODISCOVERED",
    "FORM_ACTIONS",
    "auth_rule",
    "form_names",
    "function_affects",
    "scope_for",
    "target_kind",
]

#: The modules of an app that `mizan_clients("app")` imports, in this order,
#: each when it exists (a module or a package).
AUTODISCOVERED: tuple[str, ...] = ("clients", "forms", "channels")

#: The actions every form serves besides its own name: `<name>.schema`, ...
FORM_ACTIONS: tuple[str, ...] = ("schema", "validate", "submit")

_AUTH_STRINGS: dict[str, AuthRule] = {"staff": "staff", "superuser": "superuser"}


def auth_rule(value: object) -> AuthRule | None:
    """The IR rule of an `auth=` value: absent/None/False -> "none", True ->
    "authenticated", "staff", "superuser", any callable -> "custom"; None for
    anything else (a `mizan-auth` error)."""
    if value is None or value is False:
        return "none"
    if value is True:
        return "authenticated"
    if isinstance(value, str):
        return _AUTH_STRINGS.get(value)
    return "custom" if callable(value) else None


def target_kind(name: str, contexts: Collection[str],
                functions: Collection[str]) -> AffectKind | None:
    """What a string `affects=` target names: a context wins over a function
    registered under the same public name; None when it names neither."""
    if name in contexts:
        return "context"
    if name in functions:
        return "function"
    return None


def function_affects(registered_names: Sequence[str]) -> tuple[Affect, ...]:
    """The IR affects of a function object given to `affects=`: one entry per
    public name it is registered under, in registration order. A function
    that is not registered names nothing (its Python name is never a public
    name: another function may be registered under it)."""
    return tuple(Affect(name, "function") for name in registered_names)


def scope_for(mutation: Function, target_params: Iterable[Param]) -> tuple[str, ...]:
    """The mutation's parameters that share name and type with the target's."""
    by_name = {p.name: p.type for p in target_params}
    return tuple(p.name for p in mutation.params if by_name.get(p.name) == p.type)


def form_names(name: str) -> tuple[str, ...]:
    """Every public name a form declared as `name` claims, its own first."""
    return (name, *(f"{name}.{action}" for action in FORM_ACTIONS))
