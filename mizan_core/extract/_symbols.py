"""What a name in a module refers to, following imports across the project.

`Symbols.resolve(facts, "mz.client")` answers with a `Target`: a definition
in a project module (class, function, assignment, module) or an external
dotted path (`mizan_django.client`, `typing.Optional`, `builtins.int`).
Re-exports through a package `__init__`, aliases, relative and star imports
of project modules are followed; a cycle or a name bound nowhere gives
"unbound". Facts are loaded through the callback, so modules that nothing
refers to are never parsed.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from dataclasses import dataclass

from .facts import ConstX, ModuleFacts, SeqX

__all__ = ["Symbols", "Target", "package_rebinds"]

_BUILTINS = frozenset(dir(builtins))
_MAX_HOPS = 32


@dataclass(frozen=True, slots=True)
class Target:
    kind: str  # "class", "function", "assign", "module", "external", "unbound"
    module: str = ""  # the defining project module ("" for external/unbound)
    name: str = ""  # qualname in `module`, or the external dotted path
    rest: str = ""  # attribute path after the definition (`Color.RED` -> "RED")

    @property
    def key(self) -> str:
        return f"{self.module}.{self.name}" if self.module else self.name


def package_rebinds(package: ModuleFacts, name: str) -> bool:
    """Whether a package `__init__` binds `name` other than by importing its
    submodule `<package>.name` (`from .models import name`, `name = ...`)."""
    return package.defines(name) or \
        package.imports.expand(name) not in (None, f"{package.module}.{name}")


class Symbols:
    """`submodule_wins(module)`, for a submodule whose name its package binds
    to something else: True when the name is the submodule when the IR is
    read (it was imported after the package's binding ran), False when it is
    the package's object, None when that depends on import order."""

    def __init__(self, load: Callable[[str], ModuleFacts | None],
                 is_module: Callable[[str], bool],
                 submodule_wins: Callable[[str], bool | None] = lambda module: None) -> None:
        self._load = load
        self._is_module = is_module
        self._submodule_wins = submodule_wins

    def resolve(self, facts: ModuleFacts, dotted: str, hops: int = 0) -> Target:
        if hops > _MAX_HOPS:
            return Target("unbound", name=dotted)
        head, _, rest = dotted.partition(".")
        # Python binds in order: a star import after the name's own binding
        # (the last one exporting it) rebinds it.
        for star in reversed(facts.imports.later_stars(head)):
            star_facts = self._load(star) if self._is_module(star) else None
            if star_facts is not None and self._exports(star_facts, head):
                return self.resolve(star_facts, dotted, hops + 1)
        if head in facts.classes:
            qualname = head
            remaining = rest
            while remaining:
                part, _, after = remaining.partition(".")
                if f"{qualname}.{part}" not in facts.classes:
                    break
                qualname, remaining = f"{qualname}.{part}", after
            return Target("class", facts.module, qualname, remaining)
        if head in facts.functions:
            return Target("function", facts.module, head, rest)
        if head in facts.assigns:
            return Target("assign", facts.module, head, rest)
        expanded = facts.imports.expand(dotted)
        if expanded is not None:
            return self.resolve_absolute(expanded, hops + 1)
        if head in _BUILTINS:
            return Target("external", name=f"builtins.{dotted}")
        return Target("unbound", name=dotted)

    def _exports(self, facts: ModuleFacts, name: str, seen: frozenset[str] = frozenset()
                 ) -> bool:
        """Whether `from <facts' module> import *` binds `name`: what `__all__` lists,
        else every public name the module defines, imports or star-imports."""
        listed = facts.assigns.get("__all__")
        if listed is not None and isinstance(listed.value, SeqX):
            return any(isinstance(item, ConstX) and item.value == name
                       for item in listed.value.items)
        if name.startswith("_"):
            return False
        if facts.defines(name) or name in facts.imports.names:
            return True
        seen = seen | {facts.module}
        for star in facts.imports.stars:
            star_facts = self._load(star) if star not in seen and self._is_module(star) else None
            if star_facts is not None and self._exports(star_facts, name, seen):
                return True
        return False

    def resolve_absolute(self, dotted: str, hops: int = 0) -> Target:
        """An absolute dotted path: the longest project-module prefix decides."""
        parts = dotted.split(".")
        for cut in range(len(parts), 0, -1):
            module = ".".join(parts[:cut])
            if not self._is_module(module):
                continue
            if cut == len(parts):
                rebound = self._rebound_by_package(module, hops)
                return rebound or Target("module", module, module)
            facts = self._load(module)
            if facts is None:
                return Target("unbound", name=dotted)
            # Longest prefix first, so `pkg.sub.Name` finds module `pkg.sub` before
            # looking for an attribute `sub` in `pkg`.
            return self.resolve(facts, ".".join(parts[cut:]), hops + 1)
        return Target("external", name=dotted)

    def _rebound_by_package(self, module: str, hops: int) -> Target | None:
        """`pkg.x` when `pkg/__init__` binds `x` from the submodule itself
        (`from .x import x`): loading `pkg.x` bound the module first, the
        package's own import then rebinds the name, so `pkg.x` is that object.
        When it binds `x` from elsewhere, `pkg.x` is that object unless the
        submodule is imported after the binding (`submodule_wins`)."""
        package, _, name = module.rpartition(".")
        facts = self._load(package) if package and self._is_module(package) else None
        if facts is None or not package_rebinds(facts, name):
            return None
        expanded = facts.imports.expand(name)
        from_itself = not facts.defines(name) and expanded is not None \
            and expanded.startswith(f"{module}.")
        if from_itself or self._submodule_wins(module) is False:
            return self.resolve(facts, name, hops + 1)
        return None

    def order_dependent(self, module: str) -> bool:
        """Whether `module` is a submodule whose package binds its name to
        something else, and which of the two the name is depends on import order."""
        package, _, name = module.rpartition(".")
        facts = self._load(package) if package and self._is_module(package) else None
        return facts is not None and package_rebinds(facts, name) \
            and self._submodule_wins(module) is None
