"""One generated Python file: its imports, spelt in a drawn style, and its body.

Every name a file uses from another module goes through `SourceFile.ref`,
which adds the import the first time and returns how the body spells the
name. The style is drawn once per imported module and file (`from m import
x`, `from m import x as y`, `import m`, `import m as y`, `from pkg import m`,
relative imports inside a package), so one file never imports a module two
ways, and no binding ever shadows another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Draw", "SourceFile"]

Draw = Callable[[Any], Any]

#: modules whose attribute is not the module itself after `import m`
#: (`mizan_django.client` is the decorator): only `from m import x` reaches them
_FROM_ONLY = frozenset({"mizan_django.client", "mizan_core.client"})


@dataclass
class SourceFile:
    module: str
    is_package: bool = False
    future: bool = False
    docstring: str = ""
    body: list[str] = field(default_factory=list)
    #: import statements in order of first use
    _imports: list[str] = field(default_factory=list)
    _bound: set[str] = field(default_factory=set)
    #: top-level names bound by `import a.b`
    _tops: set[str] = field(default_factory=set)
    #: imported module -> ("from", None) or ("module", spelling)
    _style: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    #: (module, name) -> spelling, for `from` styles
    _names: dict[tuple[str, str], str] = field(default_factory=dict)
    #: names defined in this file
    defined: set[str] = field(default_factory=set)
    #: every file of the project by module, for star imports (which need `__all__`)
    project: dict[str, SourceFile] = field(default_factory=dict)
    #: another file star-imports this one: it declares `__all__`
    exports_all: bool = False
    #: project names used only in annotations may be imported under `if TYPE_CHECKING:`
    #: (set while a function's annotations are written, in a postponed-annotations file)
    guarding: bool = False
    allow_guard: bool = False
    #: import lines under `if TYPE_CHECKING:`, by module
    _guarded: dict[str, list[str]] = field(default_factory=dict)

    @property
    def package(self) -> str:
        return self.module if self.is_package else self.module.rpartition(".")[0]

    @property
    def path(self) -> str:
        parts = self.module.split(".")
        return "/".join(parts) + ("/__init__.py" if self.is_package else ".py")

    def _bind(self, wanted: str) -> str:
        # In a package's __init__, importing its submodule `x` rebinds the global `x`
        # to that submodule: no import may bind a submodule's name there.
        children = {m.rpartition(".")[2] for m in self.project
                    if m.rpartition(".")[0] == self.module} if self.is_package else set()
        name, n = wanted, 0
        while name in self._bound or name in self.defined or name in children:
            n += 1
            name = f"{wanted}_{n}"
        self._bound.add(name)
        return name

    def _relative(self, module: str) -> str | None:
        """`module` as a relative import from this file (`.x`, `..y.z`, `.`), when both
        live in one top-level package."""
        here = self.package.split(".") if self.package else []
        there = module.split(".")
        if not here or there[0] != here[0]:
            return None
        common = 0
        while common < min(len(here), len(there)) and here[common] == there[common]:
            common += 1
        return "." * (1 + len(here) - common) + ".".join(there[common:])

    def ref(self, draw: Draw, module: str, name: str, *, styles: tuple[str, ...] | None = None,
            alias: bool = True) -> str:
        """How this file spells `module.name`, importing it on first use."""
        from hypothesis import strategies as st

        decoy = module == "datetime" and draw(st.booleans())

        if module == self.module:
            return name
        if module not in self._style:
            allowed = [s for s in styles or ("from", "from_as", "module", "module_as",
                                             "from_module", "relative")]
            if self.is_package and module.startswith(self.module + "."):
                # `pkg.sub.x` inside pkg/__init__ fails: `pkg` has no attribute
                # `sub` until its __init__ has finished
                allowed = [s for s in allowed if s != "module"]
            if module in _FROM_ONLY:
                allowed = [s for s in allowed if s not in ("module", "module_as", "from_module")]
            if "." not in module:
                allowed = [s for s in allowed if s != "from_module"]
            if self._relative(module) is None:
                allowed = [s for s in allowed if s != "relative"]
            if styles is None and module in self.project and module.startswith(("app", "lib")):
                allowed.append("star")
            if styles is None and module == "typing":
                allowed.append("guarded")
            if styles is None and module in self.project:
                allowed += ["fallback", "branch"]
            style = draw(st.sampled_from(allowed or ("from",)))
            if style == "star":
                self.project[module].exports_all = True
                self._imports.append(f"from {self._relative(module) or module} import *  "
                                     "# noqa: F403")
                self._style[module] = ("star", None)
            else:
                if style == "module" and decoy:
                    # the class first, then the module shadows it: the last binding wins
                    self._imports.append(f"from {module} import {module}  # noqa: F401")
                self._style[module] = self._add_module(module, style)
        guard = self.guarding and self.allow_guard and self.future and module in self.project
        if module in self._guarded and not guard:
            # a name of this module is now needed at run time: import it for real
            self._imports.extend(self._guarded.pop(module))
        kind, spelling = self._style[module]
        if kind == "module":
            return f"{spelling}.{name}"
        if kind == "star":
            return name
        key = (module, name)
        if key not in self._names:
            aliased = kind == "from_as" and alias
            bound = self._bind(f"{name}_as" if aliased else name)
            source = self._relative(module) if kind == "relative" else module
            line = (f"from {source} import {name}" if bound == name
                    else f"from {source} import {name} as {bound}")
            if kind == "guarded":  # the try/except ImportError dance of older code bases
                line = (f"try:\n    {line}\nexcept ImportError:\n"
                        f"    {line.replace('from typing ', 'from typing_extensions ')}")
            elif kind == "fallback":  # what never runs must not win
                line = f"try:\n    {line}\nexcept ImportError:\n    {bound} = None"
            elif kind == "branch":
                if "sys" not in self._bound:
                    self._bound.add("sys")
                    self._imports.append("import sys")
                line = (f"if sys.version_info >= (3, 8):\n    {line}\nelse:\n"
                        f"    {bound} = None")
            if name == module and bound == name and decoy:
                # `import datetime` first, then the class shadows the module: the last wins
                self._imports.append(f"import {module}  # noqa: F401")
            if guard and kind in ("from", "from_as", "relative") and (
                    module in self._guarded or not self._runtime_use(module)) \
                    and draw(st.booleans()):
                self._guarded.setdefault(module, []).append(line)
            else:
                self._imports.append(line)
            self._names[key] = bound
        return self._names[key]

    def _runtime_use(self, module: str) -> bool:
        """Whether a name of `module` is already imported at run time."""
        return any(m == module for m, _ in self._names) and module not in self._guarded

    def _add_module(self, module: str, style: str) -> tuple[str, str | None]:
        if style == "module":
            top = module.split(".")[0]
            if top in self._tops or (top not in self._bound and top not in self.defined):
                self._tops.add(top)
                self._bound.add(top)
                self._imports.append(f"import {module}")
                return ("module", module)
            style = "module_as"
        if style == "module_as":
            alias = self._bind(module.replace(".", "_") + "_m")
            self._imports.append(f"import {module} as {alias}")
            return ("module", alias)
        if style == "from_module":
            parent, _, leaf = module.rpartition(".")
            relative = self._relative(parent)
            source = relative if relative is not None else parent
            alias = self._bind(leaf)
            self._imports.append(f"from {source} import {leaf}" if alias == leaf
                                 else f"from {source} import {leaf} as {alias}")
            return ("module", alias)
        return (style, None)

    def side_effect_import(self, module: str) -> None:
        """Import `module` only so that its declarations run."""
        if module in self._guarded:  # imported only under TYPE_CHECKING so far: for real now
            self._imports.extend(self._guarded.pop(module))
            return
        if module == self.module or module in self._style:
            return
        relative = self._relative(module)
        if relative is not None and relative != ".":
            parent, _, leaf = module.rpartition(".")
            source = self._relative(parent) or parent
            alias = self._bind(leaf)
            self._imports.append(f"from {source} import {leaf}  # noqa: F401" if alias == leaf
                                 else f"from {source} import {leaf} as {alias}  # noqa: F401")
            self._style[module] = ("module", alias)
        else:
            self._style[module] = self._add_module(module, "module")
            self._imports[-1] += "  # noqa: F401"

    def text(self) -> str:
        head: list[str] = []
        if self.docstring:
            head.append(f'"""{self.docstring}"""')
        if self.future:
            head.append("from __future__ import annotations")
        exports = [f"__all__ = {sorted(self.defined)!r}".replace("'", '"')] \
            if self.exports_all else []
        guarded = [line for lines in self._guarded.values() for line in lines]
        if guarded:
            check = "TYPE_CHECKING" if "TYPE_CHECKING" not in self._bound else "typing.TYPE_CHECKING"
            head.append("from typing import TYPE_CHECKING" if check == "TYPE_CHECKING"
                        else "import typing")
            guarded = [f"if {check}:", *("    " + line for line in guarded)]
        lines = [*head, *self._imports, *guarded, "", *exports, "", *self.body]
        return "\n".join(lines).strip("\n") + "\n"
