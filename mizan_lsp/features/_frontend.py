"""Between the generated TypeScript names and the Python that produced them.

`Targets` maps every name the generator emits (asked of the generator's own
`plan_names`, so the two never disagree) to what defines it in Python: a
server function, a context (its functions), a form, a channel, a model or an
enum, with a file, a 0-based line and column, a signature and a docstring.
The frontend is read by a token scan (identifiers outside strings and
comments), no TypeScript compiler: generated names are unique identifiers
(`useAddItem`, `CartProvider`), so a token is a use.

Which TypeScript files are served: those of the generated output folder, and
the `.ts`/`.tsx` files under the configured frontend roots that import from
it with a relative path.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mizan_core.codegen.names import (
    channel_identifiers,
    context_identifiers,
    form_function_names,
    form_identifiers,
    function_identifiers,
    plan_names,
)
from mizan_core.codegen.types import input_models
from mizan_core.extract import IndexResult
from mizan_core.ir import Location, ProjectIR
from mizan_core.rules.sites import FunctionSite

__all__ = ["TS_SUFFIXES", "Definition", "Targets", "frontend_files", "generated_names_at",
           "identifier_at", "imports_output", "is_served", "targets_of", "tokens", "uses"]

TS_SUFFIXES = (".ts", ".tsx")
_SKIP_DIRS = {"node_modules", "dist", "build", ".git"}
_IMPORT = re.compile(r"""(?:from|import)\s*\(?\s*["']([^"']+)["']""")
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
# Strings and comments are skipped by the token scan (a template literal's
# `${...}` is skipped too: generated names are rarely called from there).
_SKIPPED = re.compile(r"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'"
                      r"|`(?:\\.|[^`\\])*`", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Definition:
    """One Python definition behind a generated name."""

    kind: str  # "function", "context", "form", "channel", "model", "enum"
    name: str  # registered / IR name
    path: Path
    line: int  # 0-based
    column: int
    end_column: int
    signature: str
    doc: str | None


@dataclass(frozen=True, slots=True)
class Targets:
    by_ts: dict[str, tuple[Definition, ...]]  # generated name -> definitions
    by_key: dict[tuple[str, str], tuple[str, ...]]  # (kind, IR name) -> generated names


_cache: dict[int, tuple[IndexResult, Targets]] = {}


def targets_of(snapshot: IndexResult) -> Targets:
    held = _cache.get(id(snapshot))
    if held is not None and held[0] is snapshot:
        return held[1]
    found = _build(snapshot)
    _cache.clear()  # only the latest snapshot is asked
    _cache[id(snapshot)] = (snapshot, found)
    return found


def _build(snapshot: IndexResult) -> Targets:
    ir = snapshot.ir
    names = plan_names(ir, input_models(ir))
    sites = {name: site for site in snapshot.sites for name in site.registered_names}
    files = _FileFinder(snapshot)
    by_ts: dict[str, tuple[Definition, ...]] = {}
    by_key: dict[tuple[str, str], tuple[str, ...]] = {}

    def add(kind: str, name: str, generated: Iterable[str], found: list[Definition]) -> None:
        if not found:
            return
        generated = tuple(generated)
        by_key[(kind, name)] = generated
        for ts in generated:
            by_ts[ts] = tuple(found)

    form_owned = form_function_names(ir)
    for fn in ir.functions:
        stem = names.functions.get(fn.name)
        site = sites.get(fn.name)
        if stem is None or site is None or fn.name in form_owned:
            continue
        add("function", fn.name, function_identifiers(stem), [_function(site, fn.doc)])
    for ctx in ir.contexts:
        stem = names.contexts.get(ctx.name)
        if stem is None:
            continue
        members = [_function(sites[n], _doc(ir, n)) for n in ctx.functions if n in sites]
        add("context", ctx.name, context_identifiers(stem),
            [replace_kind(d, "context", ctx.name) for d in members])
    for form in ir.forms:
        stem = names.forms.get(form.name)
        found = files.located(form.location, form.qualname, "form", form.name, form.doc)
        if stem is not None and found is not None:
            add("form", form.name, form_identifiers(stem), [found])
    for channel in ir.channels:
        stem = names.channels.get(channel.name)
        found = files.located(channel.location, channel.qualname, "channel", channel.name,
                              channel.doc)
        if stem is not None and found is not None:
            add("channel", channel.name, channel_identifiers(stem), [found])
    for kind, defs in (("model", ir.models), ("enum", ir.enums)):
        for d in defs:
            ts = names.types.get(d.name)
            found = files.in_module(d.module, d.qualname, kind, d.name, d.doc)
            if ts is not None and found is not None:
                extra = (names.input_types[d.name],) if d.name in names.input_types else ()
                add(kind, d.name, (ts, *extra), [found])
    return Targets(by_ts, by_key)


def replace_kind(d: Definition, kind: str, name: str) -> Definition:
    return Definition(kind, name, d.path, d.line, d.column, d.end_column, d.signature, d.doc)


def _doc(ir: ProjectIR, name: str) -> str | None:
    fn = ir.function(name)
    return fn.doc if fn is not None else None


def _function(site: FunctionSite, doc: str | None) -> Definition:
    params = []
    for p in site.params:
        star = "*" if p.kind == "varargs" else "**" if p.kind == "varkw" else ""
        params.append(f"{star}{p.name}: {p.annotation}" if p.annotation else f"{star}{p.name}")
    returns = f" -> {site.returns_text}" if site.returns_text else ""
    span = site.name_span
    return Definition("function", site.qualname, Path(site.path), span.line - 1, span.column - 1,
                      span.end_column - 1, f"def {site.qualname}({', '.join(params)}){returns}",
                      doc)


class _FileFinder:
    """Finds a class's line in the project's files (forms, channels and models
    carry a module or a root-relative file, not an absolute path). Each file
    is scanned once for its `class` lines."""

    _CLASS = re.compile(r"^([ \t]*)class[ \t]+(\w+)", re.MULTILINE)

    def __init__(self, snapshot: IndexResult) -> None:
        self._by_tail: dict[str, str] = {}  # "shop/models.py", "models.py", ... -> path
        for path in sorted(snapshot.paths.values()):
            parts = Path(path).parts
            for depth in range(1, min(len(parts), 12)):
                self._by_tail.setdefault("/".join(parts[-depth:]), path)
        self._classes: dict[str, dict[str, tuple[int, int, str]]] = {}

    def located(self, location: Location | None, qualname: str, kind: str, name: str,
                doc: str | None) -> Definition | None:
        if location is None:
            return None
        path = self._by_tail.get(location.file.replace(os.sep, "/"))
        return self._class(path, qualname, kind, name, doc)

    def in_module(self, module: str, qualname: str, kind: str, name: str, doc: str | None
                  ) -> Definition | None:
        base = module.replace(".", "/")
        path = self._by_tail.get(base + ".py") or self._by_tail.get(base + "/__init__.py")
        return self._class(path, qualname, kind, name, doc)

    def _class(self, path: str | None, qualname: str, kind: str, name: str, doc: str | None
               ) -> Definition | None:
        if path is None:
            return None
        classes = self._classes.get(path)
        if classes is None:
            try:
                text = Path(path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            classes = {}
            line, counted = 0, 0
            for found in self._CLASS.finditer(text):
                line += text.count("\n", counted, found.start())
                counted = found.start()
                line_start = text.rfind("\n", 0, found.start()) + 1
                line_end = text.find("\n", found.start())
                header = text[line_start:line_end if line_end >= 0 else len(text)]
                classes.setdefault(found.group(2), (line, found.start(2) - line_start,
                                                    header.strip().rstrip(":")))
            self._classes[path] = classes
        held = classes.get(qualname.rsplit(".", 1)[-1])
        if held is None:
            return None
        line, column, header = held
        last = qualname.rsplit(".", 1)[-1]
        return Definition(kind, name, Path(path), line, column, column + len(last), header, doc)


def tokens(text: str) -> Iterator[tuple[int, int, int, str]]:
    """(0-based line, start column, end column, identifier) of every identifier
    outside strings and comments."""
    for number, line in enumerate(_blank(text).split("\n")):
        for found in _IDENT.finditer(line):
            yield number, found.start(), found.end(), found.group(0)


def _blank(text: str) -> str:
    """`text` with strings and comments turned into spaces (lines and columns kept)."""
    return _SKIPPED.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def identifier_at(text: str, line: int, character: int) -> tuple[str, int, int] | None:
    """The identifier under the cursor, outside strings and comments."""
    lines = _blank(text).split("\n")
    if line >= len(lines):
        return None
    for found in _IDENT.finditer(lines[line]):
        if found.start() <= character <= found.end():
            return found.group(0), found.start(), found.end()
    return None


def imports_output(path: Path, text: str, output: Path) -> bool:
    """Whether the file imports the generated folder (or a file in it) by a relative path."""
    for found in _IMPORT.finditer(text):
        spec = found.group(1)
        if not spec.startswith("."):
            continue
        target = Path(os.path.normpath(path.parent / spec))
        if target == output or output in target.parents:
            return True
    return False


def is_served(path: Path, text: str, output: Path, roots: Iterable[Path]) -> bool:
    if path.suffix not in TS_SUFFIXES:
        return False
    if output == path.parent or output in path.parents:
        return True
    return any(root == path.parent or root in path.parents for root in roots) \
        and imports_output(path, text, output)


def frontend_files(roots: Iterable[Path], output: Path) -> Iterator[tuple[Path, str]]:
    """The frontend's own files that import the generated folder, with their text."""
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
            here = Path(folder)
            if here == output or output in here.parents:
                dirs[:] = []
                continue
            for name in sorted(files):
                path = here / name
                if path.suffix not in TS_SUFFIXES or name.endswith(".d.ts"):
                    continue
                try:
                    text = path.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
                if imports_output(path, text, output):
                    yield path, text


def generated_names_at(targets: Targets, snapshot: IndexResult, path: Path, text: str,
                       line: int, character: int) -> tuple[str, ...]:
    """The generated names of the Python definition under the cursor: a
    @client function (its name or decorator lines), a context name or a
    function in `affects=`, a form, a channel, a model or an enum class name.
    A context's names include those of its functions (`useCartDetail` is how
    a component reads the `cart` context)."""
    from ._lookup import site_at
    from ._target import target_at

    keys: list[tuple[str, str]] = []
    target = target_at(snapshot, path, text, line, character)
    if target is not None and target.kind == "context":
        keys.append(("context", target.name))
        keys += [("function", f.name) for f in target.functions]
    elif target is not None:
        keys += [("function", f.name) for f in target.functions]
    else:
        site = site_at(snapshot, path, line, character)
        if site is not None:
            keys += [("function", name) for name in site.registered_names]
        else:
            for key, generated in targets.by_key.items():
                for d in targets.by_ts.get(generated[0], ()):
                    if d.path == path and d.line == line and d.column <= character <= d.end_column:
                        keys.append(key)
    return tuple(dict.fromkeys(n for key in keys for n in targets.by_key.get(key, ())))


def uses(files: Iterable[tuple[Path, str]], names: Iterable[str]
         ) -> list[tuple[Path, int, int, int]]:
    """(file, 0-based line, start, end) of every token that is one of `names`."""
    wanted = set(names)
    return [(path, line, start, end) for path, text in files
            for line, start, end, token in tokens(text) if token in wanted]
