"""Which files can hold Mizan declarations: the prefilter's second half.

A file that names Mizan (`mizan_django`, `mizan_core`, the legacy `mizan.`)
is parsed. Any other file can still declare a `@client` function, a form or a
channel only by importing a Mizan name through a project module that
re-exports it (`from shop.api import client` where `shop/api.py` says
`from mizan_django import client`). So the index parses the files that name
Mizan, asks their import tables which local names are Mizan's (the
re-exported names), and then reads the imports of every other file from its
bytes (`byte_imports`, a regular expression, no parse) to find those that
bind one of them. Whatever they bind is re-exported in turn, to a fixpoint.

Words such as `self.client` or `admin.register` are not imports of a
re-exported name, so they never make a file be parsed. Reading a module
object that re-exports (`from shop import api`, then `@api.client`) counts
when the file mentions one of the re-exported names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._imports import ImportTable, absolute_module
from .facts import ModuleFacts

__all__ = ["ANY", "Reexporters", "byte_imports", "could_import", "is_mizan", "reexported"]

_MIZAN_PREFIXES = ("mizan_django", "mizan_core", "mizan.")
#: In a set of re-exported names: every name (a star import of Mizan or of a re-exporter).
ANY = "*"

_CONT = rb"(?:[^\n#;\\]|\\\r?\n)*"  # the rest of a logical line, backslash continuations included
_IMPORT = re.compile(
    rb"^[ \t]*(?:from[ \t]+(\.*)[ \t]*([\w.]*)[ \t]+import[ \t]*(\([^)]*\)|" + _CONT + rb")"
    rb"|import[ \t]+(" + _CONT + rb"))", re.MULTILINE)
_SPACE = re.compile(rb"[\s()\\]+")


class Reexporters(dict[str, frozenset[str]]):
    """Re-exporter module -> the Mizan names it binds, indexed by every package
    prefix of the module (`a`, `a.b` for `a.b.c`) so that asking which
    re-exporters an import of `a` reaches costs a lookup, not a pass over all
    of them, and with one pattern of their last names for `could_import`."""

    def __init__(self) -> None:
        super().__init__()
        self._below: dict[str, dict[str, frozenset[str]]] = {}
        self._pattern: re.Pattern[bytes] | None = None

    def __setitem__(self, module: str, names: frozenset[str]) -> None:
        if module not in self:
            self._pattern = None
        super().__setitem__(module, names)
        end = len(module)
        while end > 0:
            self._below.setdefault(module[:end], {})[module] = names
            end = module.rfind(".", 0, end)

    def reached(self, target: str) -> Iterable[frozenset[str]]:
        """The names of every re-exporter that is `target` or inside it."""
        return self._below.get(target, {}).values()

    def last_names(self) -> re.Pattern[bytes]:
        if self._pattern is None:
            lasts = sorted({m.rsplit(".", 1)[-1].encode() for m in self}, key=lambda b: (-len(b), b))
            self._pattern = re.compile(b"|".join(map(re.escape, lasts)) or b"(?!)")
        return self._pattern


def is_mizan(target: str) -> bool:
    return target.startswith(_MIZAN_PREFIXES) or target == "mizan"


def byte_imports(data: bytes, module: str, is_package: bool) -> ImportTable:
    """The import table of a file read from its bytes, without a parse.

    Over-approximates (an import spelled inside a string counts) and misses
    only imports that share a line with other code (`if x: import y`); the
    caller parses a file that might matter, never decides from this that a
    file with Mizan code in it does not."""
    table = ImportTable()
    for dots, source, names, plain in _IMPORT.findall(data):
        if plain:
            for part in plain.split(b","):
                words = _SPACE.sub(b" ", part).split()
                if not words:
                    continue
                target = words[0].decode("ascii", "replace")
                if len(words) == 3 and words[1] == b"as":
                    table.bind(words[2].decode("ascii", "replace"), target)
                else:  # `import a.b` binds `a`, and reaches `a.b` as an attribute
                    head = target.split(".", 1)[0]
                    table.bind(head, head)
            continue
        base = absolute_module(module, is_package, len(dots), source.decode("ascii", "replace"))
        if base is None:
            continue
        for part in names.split(b","):
            words = _SPACE.sub(b" ", part).split()
            if not words:
                continue
            name = words[0].decode("ascii", "replace")
            if name == "*":
                table.stars.append(base)
            else:
                local = words[2].decode("ascii", "replace") \
                    if len(words) == 3 and words[1] == b"as" else name
                table.bind(local, f"{base}.{name}")
    return table


def could_import(data: bytes, known: Reexporters) -> bool:
    """Whether the bytes can spell an import of a known re-exporter at all:
    an import of `a.b` names `b`, or is relative (`from . import`)."""
    return b"from ." in data or known.last_names().search(data) is not None


def reexported(table: ImportTable, known: Reexporters,
               data: bytes | None, facts: ModuleFacts | None = None) -> frozenset[str]:
    """The local names of a module that mean a Mizan name (`ANY`: possibly
    every name), given the re-exporters known so far (`known`: module ->
    its re-exported names). `data`, when given, lets a module-object import
    count only if the file mentions a re-exported name; `facts` adds the
    module-level assignments of a module that imports Mizan itself
    (`client = mz.client`)."""
    out: set[str] = set()
    direct = False
    for local, target in table.names.items():
        if is_mizan(target):
            out.add(local)
            direct = True
            continue
        head, _, name = target.rpartition(".")
        names = known.get(head)
        if names is not None and (name in names or ANY in names):
            out.add(local)
            continue
        reached = known.reached(target)
        if reached and (data is None or any(_mentions(data, n) for n in reached)):
            out.add(local)
    for star in table.stars:
        if is_mizan(star) or star in known:
            out.add(ANY)
            direct = direct or is_mizan(star)
    if direct and facts is not None:
        out.update(facts.assigns)
    return frozenset(out)


def _mentions(data: bytes, names: frozenset[str]) -> bool:
    return ANY in names or any(n.encode() in data for n in names)
