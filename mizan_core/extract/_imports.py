"""A module's import table: which local name means which dotted path.

libcst's QualifiedNameProvider would answer the same question for every name
in the file at several times the cost of the parse; the extractor only needs
to know what a handful of names (decorators, annotations, base classes) refer
to, so each module keeps this small table and the project index follows it
across modules (re-exports through a package `__init__`, aliases, star
imports of project modules).

    import a.b          -> a   = "a"        (binds the top package only)
    import a.b as x     -> x   = "a.b"
    from a.b import c   -> c   = "a.b.c"
    from . import c     -> c   = "<package>.c"   (relative: resolved here)
    from .m import *    -> stars += "<package>.m"

A name bound after a star import (an import, a def, a class, an assignment)
remembers how many star imports came before it (`star_rank`), so that a later
star import exporting the same name wins, as it does in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ImportTable", "absolute_module"]


def absolute_module(module: str, is_package: bool, level: int, target: str) -> str | None:
    """The absolute module a relative import names, or None if it climbs too high."""
    if level == 0:
        return target
    parts = module.split(".")
    if not is_package:
        parts = parts[:-1]
    if level - 1 > len(parts) or (level - 1 == len(parts) and not target):
        return None
    base = parts[: len(parts) - (level - 1)]
    return ".".join([*base, target] if target else base) or None


@dataclass(slots=True)
class ImportTable:
    names: dict[str, str] = field(default_factory=dict)
    stars: list[str] = field(default_factory=list)
    #: name -> number of star imports before its last binding (absent: none before it)
    star_rank: dict[str, int] = field(default_factory=dict)

    def bind(self, local: str, target: str) -> None:
        self.names[local] = target
        self.ranked(local)

    def ranked(self, local: str) -> None:
        """`local` was (re)bound here: only a star import after this point rebinds it."""
        if self.stars:
            self.star_rank[local] = len(self.stars)

    def later_stars(self, local: str) -> list[str]:
        """The star imports after the last binding of `local`, in order."""
        return self.stars[self.star_rank.get(local, 0):]

    def expand(self, dotted: str) -> str | None:
        """`mz.client` -> `mizan_django.client` when `mz` is an imported name;
        None when the first part is not imported."""
        head, _, rest = dotted.partition(".")
        target = self.names.get(head)
        if target is None:
            return None
        return f"{target}.{rest}" if rest else target
