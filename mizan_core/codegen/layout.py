"""Where each generated declaration lives, and the imports between the files.

The output is split by Python module, so that a component using one module's
hooks makes the compiler (and the editor) read that module's file, not every
function of the project:

    modules/<python.module>/index.ts    its models, calls, forms, channels (and hooks, with one target)
    modules/<python.module>/<target>.ts its hooks, with several targets
    root/<target>.ts     the root (`<MizanContext>`, `createMizan()`, ...) and the adapter's runtime
    index.ts             re-exports the runtime, the root and every module's `index.ts`
    models.ts calls.ts forms.ts channels.ts <target>.ts   `index.ts` again (several targets: a
                         target's entry re-exports its root and every module's `<target>.ts`)

One file per module rather than one per kind: at thousands of functions the
compiler's cost is per file and per import as much as per declaration.

A declaration lives in the folder of the Python module that defines it (a
function's call, arguments and hook; a model; a form; a channel); a named
context's provider lives with its first function. The module folders are
named by the dotted module (`modules/shop.clients/`): flat, so no Python
module name can collide with a generated file name.

The emitters write each file's body and the imports of the runtime and of
libraries; the imports of other generated files are found here from the
body's identifiers (outside comments and strings), so every file imports
exactly what it uses from the file that declares it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from ._ts import DECLARATIONS_HEADER, HEADER, import_line

__all__ = ["ENTRY", "MODULES", "ROOT", "Declarations", "assemble", "module_folder"]

MODULES = "modules"
ROOT = "root"
ENTRY = "index"  # a module folder's file of framework-free declarations (all of them, with one target)

_DECLARED = re.compile(r"^export (?:abstract )?(interface|type|function|const|class) ([A-Za-z_$][\w$]*)",
                       re.MULTILINE)
_SKIPPED = re.compile(r"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`",
                      re.DOTALL)
# A property key (`name: T`, `name?: T`) is not a use of a declaration named alike.
_IDENT = re.compile(r"(?<![\w$])[A-Za-z_$][\w$]*(?![\w$]|\??:)")


def module_folder(module: str) -> str:
    """The folder of a Python module's declarations, relative to the output folder."""
    return f"{MODULES}/{module or '_'}"


def _used(body: str) -> set[str]:
    return set(_IDENT.findall(_SKIPPED.sub(" ", body)))


class Declarations:
    """Every generated file's exported names: name -> [(file without `.ts`, whether a type)].

    With several targets one name has one declaration per target (`useCart`
    in each module's `react.ts` and `vue.ts`): a file sees the framework-free
    ones (the modules' `index.ts`) and those of its own target.
    """

    def __init__(self) -> None:
        self.owners: dict[str, list[tuple[str, str, bool]]] = {}  # name -> [(file, its kind, is a type)]

    def add(self, path: str, body: str) -> None:
        kind_of_file = posixpath.basename(path)
        for kind, name in _DECLARED.findall(body):
            self.owners.setdefault(name, []).append((path, kind_of_file, kind in ("interface", "type")))

    def owner(self, name: str, seen_from: str) -> tuple[str, bool] | None:
        """The declaration of `name` that the file `seen_from` imports, or None (undeclared, or its own)."""
        own = posixpath.basename(seen_from)
        for path, kind_of_file, is_type in self.owners.get(name, ()):
            if path == seen_from:
                return None
            if kind_of_file in (own, ENTRY):
                return path, is_type
        return None


def _relative(here: str, there: str) -> str:
    folder, target = posixpath.dirname(here), posixpath.dirname(there)
    if folder == target:
        return f"./{posixpath.basename(there)}"
    # Every generated file is at most two folders deep (`modules/<module>/`).
    common = posixpath.commonpath([folder, target]) if folder and target else ""
    up = folder.count("/") + 1 - (common.count("/") + 1 if common else 0) if folder else 0
    rest = there[len(common) + 1:] if common else there
    return "../" * up + rest if up else f"./{rest}"


def assemble(path: str, runtime: Iterable[tuple[str, Iterable[str], bool]], body: str,
             declarations: Declarations) -> str:
    """The text of the generated file `path` (no `.ts`): header, imports, body.

    A root file gets the checked header, every module file the declarations' one.

    `runtime` is the emitter's imports of runtime files and libraries, as
    (module as seen from the output folder, names, type-only); names the body
    does not use are left out. Every other generated name the body uses is
    imported from the file that declares it.
    """
    used = _used(body)
    depth = path.count("/")
    lines: list[str] = []
    for module, names, type_only in runtime:
        if module.startswith("./") and depth:
            module = "../" * depth + module[2:]
        lines += import_line({n for n in names if n in used}, module, type_only)
    wanted: dict[tuple[str, bool], set[str]] = {}
    for name in sorted(used):
        owner = declarations.owner(name, path)
        if owner is not None:
            wanted.setdefault(owner, set()).add(name)
    for file, is_type in sorted(wanted, key=lambda key: (_relative(path, key[0]), key[1])):
        lines += import_line(wanted[(file, is_type)], _relative(path, file), type_only=is_type)
    head = "\n".join(lines) + "\n\n" if lines else ""
    header = HEADER if path.startswith(f"{ROOT}/") else DECLARATIONS_HEADER
    return header + "\n" + head + (body if body.strip() else "export {};") + "\n"
