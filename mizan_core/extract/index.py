"""The project index: source roots -> IR + diagnostics, kept up to date per file.

    source files --prefilter--> ModuleFacts (per file, cached by content hash)
                 --resolve----> FunctionSites + models/enums/forms/channels
                 --assemble---> ProjectIR      --rules.checks--> Diagnostics

`build()` scans the roots; `update_file()` re-reads one file (from disk or
from an editor buffer) and recomputes the result from cached facts, so the
language server can call it on every keystroke. A result is an immutable
snapshot (`IndexResult`), safe to hand to another thread.
"""

from __future__ import annotations

import gc
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from mizan_core.ir import Channel, Form, Function, assemble
from mizan_core.ir.declarations import AUTODISCOVERED
from mizan_core.rules import Diagnostic, messages
from mizan_core.rules.cascade import hold_back
from mizan_core.rules.catalogue import SYNTAX, UNREACHABLE
from mizan_core.rules.checks import (
    Claim,
    check_affects,
    check_context_params,
    check_function,
    check_sites,
    diagnostic,
)
from mizan_core.rules.no_affects import check_no_affects
from mizan_core.rules.sites import AffectsSite, FunctionSite, RegisterSite

from . import _known as known
from ._bounds import decode_source, encode_source, is_refusal
from ._cache import FactsCache
from ._claims import ClaimEntry, ClaimsTable, module_claims
from ._deps import DepTracker
from ._files import SourceFile, digest, mentions_mizan, module_for, project_key, read_source
from ._imports import ImportTable
from ._reexports import Reexporters, byte_imports, could_import, reexported
from ._symbols import Symbols, Target, package_rebinds
from ._tree import FileTable
from .channels import ChannelUnit, read_channel
from .facts import CallX, ConstX, ModuleFacts, NameX
from .forms import FormUnit, read_form
from .functions import ClientUnit, affects_for, affects_ir, read_client
from .result import IndexResult
from .types import Issue, TypeResolver
from .writes import OrmAnalysis

if TYPE_CHECKING:
    from ._reach import TextImports  # libcst: loaded only when imports are followed

__all__ = ["Progress", "ProjectIndex"]

#: progress(phase, done, total): see `ProjectIndex.build`
Progress = Callable[[str, int, int], None]
#: modules whose cached facts one `preloading()` step decodes (tens of ms)
_PRELOAD_SLICE = 50


class ProjectIndex:
    """Every Python file under `roots`, read statically.

    `display_root`: diagnostics name files relative to it when inside it
    (default: the current directory); otherwise by absolute path.
    """

    def __init__(self, roots: Sequence[Path], cache_dir: Path | None = None,
                 display_root: Path | None = None) -> None:
        self.roots = tuple(Path(r).resolve() for r in roots)
        self.display_root = (display_root or Path.cwd()).resolve()
        self._cache = FactsCache(cache_dir)
        self._table = FileTable(cache_dir)
        self._progress: Progress | None = None
        self._files: dict[str, SourceFile] = {}  # by module
        self._paths: dict[str, str] = {}  # absolute path -> module
        self._shown: dict[str, str] = {}  # absolute path -> as diagnostics name it
        self._facts: dict[str, ModuleFacts] = {}  # parsed so far, by module
        self._candidates: set[str] = set()
        self._byte_tables: dict[str, tuple[bytes, ImportTable]] = {}  # modules never parsed
        #: the re-exporters the last full widening found (module -> Mizan names)
        self._reexports: Reexporters | None = None
        #: files this index has parsed (facts read from source, not from a cache)
        self.parsed = 0
        #: how many times each module's declarations were resolved: once, and
        #: again only after an edit of it or of a module it reads from
        self.resolutions: Counter[str] = Counter()
        self._pending = False  # the result came from the cache; facts not loaded yet
        self._prefiltered = False  # while pending: the candidates are known already
        self._result: IndexResult | None = None
        self._symbols: Symbols | None = None
        self._resolver: TypeResolver | None = None
        self._parts: dict[str, _ModulePart] = {}
        self._part_users: dict[str, set[str]] = {}  # module -> the parts read from it
        self._finished: dict[str, _Finished] = {}  # by `module.qualname`
        self._merged: _Merged | None = None  # what the parts made together, last time
        self._order: tuple[frozenset[str], tuple[str, ...]] | None = None  # candidates, sorted
        #: the findings of each module the runtime does not import, and what they read
        self._unreachable: dict[str, tuple[_ModulePart, RuntimeModules, list[Diagnostic]]] = {}
        self._paths_shown: tuple[int, dict[str, str]] | None = None  # (layout, result.paths)
        self._unsaved: tuple[set[tuple[str, bool, bytes]], bytes, IndexResult] | None = None
        self._imported: dict[str, tuple[bytes, TextImports]] = {}  # modules never parsed
        self._layout = 0  # bumped when a module appears or goes
        #: the last runtime modules: (layout, discoveries, answer, the imports
        #: it followed: module -> (digest, parsed, imports), whether each
        #: (package, name) it asked about is bound by the package itself, and
        #: the facts of each package those answers were read from)
        self._reach: tuple[int, list[tuple[str, tuple[str, ...]]], RuntimeModules | None,
                           dict[str, tuple[bytes, bool, tuple[str, ...]]],
                           dict[tuple[str, str], bool],
                           dict[str, ModuleFacts | None]] | None = None
        self._runtime: RuntimeModules | None = None  # the last `_runtime_modules()`
        #: what `_submodule_wins` answered the resolution since the last reset
        self._decided: dict[str, bool | None] = {}
        self._early: dict[str, tuple[bytes, tuple[str, ...] | None]] = {}  # `_submodule_wins`
        self.orm = OrmAnalysis()  # function bodies: ORM writes and reads
        # `mizan_core.extract.fingerprint()` of the files the last build read
        self.fingerprint = b""

    # --- public API ---------------------------------------------------------------

    def build(self, *, defer_cache: bool = False,
              progress: Progress | None = None) -> IndexResult:
        """Index every file under the roots.

        With `defer_cache`, the on-disk cache is written only by a later
        `save_cache()`: a caller that hands the result to someone waiting
        (the mypy plugin's helper process) answers first and saves after.
        `progress(phase, done, total)` is told, on the caller's thread, how
        many files are done of each phase's total, about once per percent:
        "scanned" (found, stat'ed, read and hashed when changed), then on a
        cold start "parsed" (the files that can hold Mizan code) and
        "searched for imports" (the other files, for Mizan names imported
        through a project module); each phase starts with none done.
        """
        self._progress = progress
        # A build allocates hundreds of thousands of small acyclic objects (syntax
        # trees, facts); the cyclic collector would re-scan them all repeatedly
        # for nothing (about 15% of a cold build).
        enabled = gc.isenabled()
        gc.disable()
        try:
            result = self._build()
            if not defer_cache:
                self.save_cache()
            return result
        finally:
            self._progress = None
            if enabled:
                gc.enable()

    def preload(self) -> None:
        """Read now what a build answered from the cache left for later (the
        prefilter, the facts, the resolution), so that the first `update_file`
        costs what any other does. Changes no result."""
        for _ in self.preloading():
            pass

    def preloading(self) -> Iterator[None]:
        """`preload()` in slices, one per `next()`: between two, any other
        call may run (one that needs what is not read yet reads it itself,
        and the slices left find nothing to do)."""
        if not self._pending:
            return
        self._prefilter()
        self._prefiltered = True
        yield
        waiting = sorted(self._candidates)
        for start in range(0, len(waiting), _PRELOAD_SLICE):
            if not self._pending:
                return
            for module in waiting[start:start + _PRELOAD_SLICE]:
                if module in self._candidates:
                    self._load(module)
            yield
        if self._pending:
            self._recompute()

    def current(self, path: Path | str, text: str) -> IndexResult | None:
        """The latest result when `text` is what the index holds for `path`
        (None otherwise): what `update_file(path, text)` would answer, without
        reading anything. Only reads, so another thread than the one updating
        may ask (the language server, while the index thread preloads)."""
        module = self._paths.get(os.path.abspath(path))
        source = self._files.get(module) if module is not None else None
        result = self._result
        if source is None or result is None or source.digest != digest(encode_source(text)):
            return None
        return result

    def save_cache(self) -> None:
        """Write what the last build learned to the cache folder (if any)."""
        self._table.save()
        unsaved, self._unsaved = self._unsaved, None
        if unsaved is not None:
            keep, key, result = unsaved
            self._cache.save(keep, result.to_cache(key) if self._cache.folder else None)

    def _build(self) -> IndexResult:
        self._files.clear()
        self._paths.clear()
        self._facts.clear()
        self._candidates.clear()
        self._resolver = None
        self._pending = self._prefiltered = False
        self._layout += 1
        progress = self._progress
        scanned = (lambda done, total: progress("scanned", done, total)) \
            if progress is not None else None
        for source in self._table.read(self.roots, scanned):
            self._files[source.module] = source
            self._paths[source.path] = source.module
        key = self.fingerprint = self._project_key()
        cached = self._cache.cached_result(key)
        if cached is not None:
            # Nothing changed since the last run: no parse, no resolution, and
            # only the files whose `stat` changed were read. The prefilter and
            # the facts wait for an update.
            self._table.save()
            self._pending = True
            self._result = IndexResult.from_cache(cached, fallback=self._recompute)
            return self._result
        self._prefilter()
        self._load_candidates()
        result = self._compute()
        keep = {(f.module, f.is_package, f.digest) for f in self._files.values()
                if f.module in self._facts}
        self._unsaved = (keep, key, result)
        return result

    def _project_key(self) -> bytes:
        return project_key(self.display_root, self.roots, self._files.values())

    def _prefilter(self) -> None:
        """Which files can hold Mizan declarations (`_add`), from their bytes."""
        for source in list(self._files.values()):
            data = source.data
            if data is None:  # known unchanged from its `stat`: not read yet
                self._add(source.path, source.module, source.is_package, _read(Path(source.path)),
                          load=False)
            else:
                self._add(source.path, source.module, source.is_package, data, load=False,
                          known=source.digest)

    def _recompute(self) -> IndexResult:
        self._load_candidates()
        return self._compute()

    def _load_candidates(self) -> None:
        if self._pending and not self._prefiltered:
            self._prefilter()
        self._pending = self._prefiltered = False
        missing: list[tuple[SourceFile, bytes]] = []
        for module in sorted(self._candidates):
            source = self._files[module]
            if module not in self._facts and source.data is not None \
                    and self._cache.get((module, source.is_package, source.digest)) is None:
                missing.append((source, source.data))
        progress, self._progress = self._progress, None
        parsed = searched = None
        if progress is not None:
            def parsed(done: int, total: int) -> None:
                progress("parsed", done, total)

            def searched(done: int, total: int) -> None:
                progress("searched for imports", done, total)

            parsed(0, len(missing))
        if missing:
            from ._parallel import read_modules

            jobs = [(decode_source(data), s.module, s.is_package) for s, data in missing]
            self.parsed += len(jobs)
            encoded: list[bytes | None] = []  # the workers' cache sections
            read = read_modules(jobs, parsed, encoded)
            for (source, _), facts, raw in zip(missing, read, encoded, strict=True):
                self._cache.put((source.module, source.is_package, source.digest), facts, raw)
        for module in sorted(self._candidates):
            self._load(module)
        self._widen_candidates(searched)

    def parse_needed(self, path: Path | str, text: str) -> tuple[str, str, bool] | None:
        """The parse `update_file(path, text)` would run, as `read_module`'s
        arguments (text, module, is_package); None when it runs none (the text
        names no Mizan, or its facts are known). A caller may run it elsewhere
        (in another process) and hand the facts to `update_file`."""
        found = self._job_source(path, text)
        if found is None:
            return None
        data, module, is_package = found
        if self._cache.get((module, is_package, digest(data))) is not None:
            return None
        return decode_source(data), module, is_package

    def parse_job(self, path: Path | str, text: str) -> tuple[str, str, bool] | None:
        """`read_module`'s arguments for `text` as the file at `path`, known
        facts or not; None when the text names no Mizan or the path is
        outside the project's roots."""
        found = self._job_source(path, text)
        return None if found is None else (decode_source(found[0]), found[1], found[2])

    def _job_source(self, path: Path | str, text: str) -> tuple[bytes, str, bool] | None:
        """(encoded text, module, is_package) of `text` as the file at `path`."""
        key = os.path.abspath(path)
        data = encode_source(text)
        if not mentions_mizan(data):
            return None
        module = self._paths.get(key)
        if module is not None:
            is_package = self._files[module].is_package
        else:
            found = self._module_of(Path(key))
            if found is None:
                return None
            module, is_package = found
        return data, module, is_package

    def update_file(self, path: Path | str, text: str | None = None, *,
                    facts: ModuleFacts | None = None) -> IndexResult:
        """Re-read one file (`text` from an editor buffer, or from disk when None;
        a file that no longer exists is removed) and return the new result.
        `facts`: what `read_module` read from the job `parse_needed` gave for
        this `text`, used instead of parsing it here."""
        if self._pending:
            self._load_candidates()
        key = os.path.abspath(path)
        if text is None:
            try:
                data = read_source(key)
            except OSError:
                return self.remove_file(key)
            if data is None:  # gone, or not a regular file (a FIFO, a device)
                return self.remove_file(key)
        else:
            data = encode_source(text)
            if facts is not None:
                self._cache.put((facts.module, facts.is_package, digest(data)), facts)
        module = self._paths.get(key)
        if module is None:
            found = self._module_of(Path(key))
            if found is None:
                return self.result
            module, is_package = found
            self._add(key, module, is_package, data)
            self._resolver = None  # a new module can change what any name resolves to
        else:
            old = self._files[module]
            new_digest = digest(data)
            if new_digest == old.digest and self._result is not None:
                return self._result
            was_loaded = module in self._facts
            self._facts.pop(module, None)
            self._add(key, module, old.is_package, data)
            if was_loaded and module not in self._candidates:
                self._load(module)
            self._forget(module)
            if self._widening_holds(module):
                return self._compute()
        self._widen_candidates()
        return self._compute()

    def remove_file(self, path: Path | str) -> IndexResult:
        if self._pending:
            self._load_candidates()
        key = os.path.abspath(path)
        module = self._paths.pop(key, None)
        if module is not None:
            self._layout += 1
            self._files.pop(module, None)
            self.orm.forget(module)
            self._facts.pop(module, None)
            self._candidates.discard(module)
            self._resolver = None
        return self._compute()

    @property
    def result(self) -> IndexResult:
        """The latest result (building first if needed)."""
        return self._result if self._result is not None else self.build()

    # --- files and facts --------------------------------------------------------------

    def _module_of(self, path: Path) -> tuple[str, bool] | None:
        for root in self.roots:
            found = module_for(path, root)
            if found is not None:
                return found
        if path.suffix == ".py" and path.stem.isidentifier():
            return path.stem, False  # outside every root: a lone module (editor scratch file)
        return None

    def _add(self, path: str, module: str, is_package: bool, data: bytes,
             load: bool = True, known: bytes | None = None) -> None:
        """`known`: the digest of `data`, when already computed."""
        held = self._files.get(module)
        if held is None or held.path != path:  # what `result.paths` shows changes too
            self._layout += 1
        self._files[module] = SourceFile(path, module, is_package, known or digest(data), data)
        self.orm.offer(module, self._files[module].digest, data, is_package)
        self._paths[path] = module
        if mentions_mizan(data):
            self._candidates.add(module)
            if load:
                self._load(module)
        else:
            self._candidates.discard(module)

    def _load(self, module: str) -> ModuleFacts | None:
        facts = self._facts.get(module)
        if facts is not None:
            return facts
        source = self._files.get(module)
        if source is None:
            return None
        key = (module, source.is_package, source.digest)
        facts = self._cache.get(key)
        if facts is None:
            from .module import read_module  # libcst loads only when something must be parsed

            data = source.data if source.data is not None else _read(Path(source.path))
            facts = read_module(decode_source(data), module, source.is_package)
            self.parsed += 1
            self._cache.put(key, facts)
        source.data = None
        self._facts[module] = facts
        return facts

    def _widening_holds(self, module: str) -> bool:
        """Whether the last widening still stands after an edit of `module` alone.

        It does when the module binds the same Mizan names as before (none, for
        a module that imported nothing re-exported and still does not). The old fixpoint then
        remains one: at worst a superset of the least one (a cycle of
        re-exporters kept alive by the edit), which only parses a file more,
        never changes a result. A keystroke thus skips the fixpoint, which
        costs a pass over every candidate's imports.
        """
        known = self._reexports
        if known is None:
            return False
        if module not in self._candidates and module not in known:
            return not self._imports_reexported(module, known)
        facts = self._load(module)
        names = reexported(facts.imports, known, None, facts) if facts is not None else frozenset()
        if known.get(module, frozenset()) != names:
            return False
        # A module that reaches Mizan only through a re-exporter was a candidate by
        # widening, which reading it again forgot.
        self._candidates.add(module)
        return True

    def _widen_candidates(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Files that import a Mizan name through a project module matter too
        (`_reexports`): found from the import tables, to a fixpoint.
        `progress(done, total)`: the files searched in the first pass."""
        while True:
            known = self._reexporters()
            self._reexports = known
            if not known:
                if progress is not None:
                    progress(len(self._files), len(self._files))
                return
            others = [m for m in self._files if m not in self._candidates]
            step = max(1, len(others) // 100)
            added = []
            for done, m in enumerate(others):
                if progress is not None and done % step == 0:
                    progress(done, len(others))
                if self._imports_reexported(m, known):
                    added.append(m)
            if progress is not None:
                progress(len(others), len(others))
                progress = None
            if not added:
                return
            for module in added:
                self._candidates.add(module)
                self._load(module)

    def _reexporters(self) -> Reexporters:
        """Candidate module -> the Mizan names it binds (and so re-exports)."""
        known = Reexporters()
        changed = True
        while changed:
            changed = False
            for module in sorted(self._candidates):
                facts = self._load(module)
                if facts is None:
                    continue
                names = reexported(facts.imports, known, None, facts)
                if names and known.get(module) != names:
                    known[module] = names
                    changed = True
        return known

    def _imports_reexported(self, module: str, known: Reexporters) -> bool:
        facts = self._facts.get(module)
        if facts is not None:  # parsed already (a name resolution reached it)
            return bool(reexported(facts.imports, known, None))
        source = self._files[module]
        data = source.data if source.data is not None else _read(Path(source.path))
        if not could_import(data, known):
            return False
        held = self._byte_tables.get(module)
        if held is None or held[0] != source.digest:
            held = (source.digest, byte_imports(data, module, source.is_package))
            self._byte_tables[module] = held
        return bool(reexported(held[1], known, data))

    def _display(self, path: str) -> str:
        shown = self._shown.get(path)
        if shown is None:  # asked for every file on every keystroke: remembered
            try:
                shown = Path(path).relative_to(self.display_root).as_posix()
            except ValueError:
                shown = path
            self._shown[path] = shown
        return shown

    # --- the computation ------------------------------------------------------------

    def _forget(self, module: str) -> None:
        """`module` changed: drop every cached result read from it."""
        if self._resolver is not None:
            self._resolver.forget(module)
        for name in self._part_users.pop(module, set()) | {module}:
            part = self._parts.pop(name, None)
            for dep in part.deps if part is not None else ():
                users = self._part_users.get(dep)
                if users is not None:
                    users.discard(name)

    def _reset(self) -> None:
        tracker = DepTracker(self._load)
        self._symbols = Symbols(tracker.load, self._files.__contains__, self._submodule_wins)
        self._decided = {}
        self._resolver = TypeResolver(self._symbols, tracker)
        self._parts = {}
        self._part_users = {}
        self._finished = {}

    def _module_part(self, module: str) -> _ModulePart:
        part = self._parts.get(module)
        if part is not None:
            return part
        assert self._resolver is not None and self._symbols is not None
        facts = self._load(module)
        source = self._files[module]
        file = self._display(source.path)
        if facts is None:
            part = _ModulePart(frozenset({module}))
        elif facts.syntax_error is not None:
            message, span = facts.syntax_error
            part = _ModulePart(frozenset({module}), syntax=_syntax(message, file, span),
                               refused=is_refusal(message))
        else:
            with self._resolver.tracker.recording() as deps:
                deps.add(module)
                units = tuple(self._clients(facts, file, source.path))
                regs = tuple(r for r in (self._registration(s.call, facts, file)
                                         for s in facts.calls) if r is not None)
                forms, channels = self._classes(facts)
            forms = tuple(replace(f, file=file) for f in forms)
            # An `async def` is refused by the runtime decorator: reported, in no IR.
            served = tuple(u for u in units if not u.site.is_async)
            part = _ModulePart(frozenset(deps), served,
                               regs, tuple(d for u in units for d in check_function(u.site)),
                               forms=forms, channels=channels, file=file,
                               claims=tuple(module_claims(module, file, regs, forms, channels)),
                               class_issues=(*(i for f in forms for i in f.issues),
                                             *(i for c in channels for i in c.issues)),
                               unit_issues=tuple(i for u in served for i in u.issues))
        self.resolutions[module] += 1
        self._parts[module] = part
        for dep in part.deps:
            self._part_users.setdefault(dep, set()).add(module)
        return part

    def _clients(self, facts: ModuleFacts, file: str, path: str) -> list[ClientUnit]:
        assert self._resolver is not None and self._symbols is not None
        found = []
        for fn in facts.functions.values():
            for deco in fn.decorators:
                call = deco if isinstance(deco, CallX) else None
                head = call.func if call is not None else deco
                if isinstance(head, NameX) and _is(self._symbols, facts, head.dotted,
                                                   known.CLIENT_NAMES):
                    found.append(read_client(fn, call, deco, facts, self._resolver, file, path))
                    break
        return found

    def _classes(self, facts: ModuleFacts) -> tuple[tuple[FormUnit, ...], tuple[ChannelUnit, ...]]:
        resolver = self._resolver
        assert resolver is not None
        forms: list[FormUnit] = []
        channels: list[ChannelUnit] = []
        for decl in facts.classes.values():
            kind = resolver.class_kind(Target("class", facts.module, decl.qualname))
            if kind == "form":
                form = read_form(decl, facts, resolver)
                if form is not None:
                    forms.append(form)
            elif kind == "channel":
                channel = read_channel(decl, facts, resolver)
                if channel is not None:
                    channels.append(channel)
        return tuple(forms), tuple(channels)

    def _compute(self) -> IndexResult:
        runtime = self._prepare()
        diagnostics, parts = self._read_modules(runtime)
        broken = self._imported_syntax_errors(runtime)
        diagnostics += broken
        # `parts` are the modules the runtime imports: one that does not parse
        # may define, register or import any name the others miss. A file
        # refused for its size or shape (generated code) is not being typed:
        # holding every finding back until it changes would hold them for good.
        names_known = not broken and all(part.syntax is None or part.refused for _, part in parts)
        merged = self._merged = _merge(parts, self._merged, self._finished)
        self._finished = merged.finished
        diagnostics += merged.table.diagnostics
        diagnostics.extend(chain.from_iterable(merged.checks))
        diagnostics += merged.context_checks
        diagnostics += merged.form_checks
        diagnostics += check_no_affects(merged.sites, self.orm)
        diagnostics += self._issue_diagnostics(parts)
        if not names_known:
            diagnostics = hold_back(diagnostics)
        diagnostics.sort(key=Diagnostic.sort_key)
        assert self._resolver is not None
        builder = self._resolver.builder
        models = tuple(builder.models.values())
        enums = tuple(builder.enums.values())
        fns, forms, channels = merged.functions, merged.form_nodes, merged.channels
        self._result = IndexResult.lazy(lambda: assemble(fns, models, enums, forms, channels),
                                        tuple(diagnostics), merged.sites, merged.registers,
                                        self._shown_paths())
        return self._result

    def _shown_paths(self) -> dict[str, str]:
        """Display name -> absolute path of every file; the same dict while no
        module appears, goes or moves (every result shares it, none changes it)."""
        held = self._paths_shown
        if held is None or held[0] != self._layout:
            held = self._paths_shown = (
                self._layout, {self._display(f.path): f.path for f in self._files.values()})
        return held[1]

    def _prepare(self) -> RuntimeModules | None:
        """What the runtime imports, and a resolver that agrees with it."""
        runtime = self._runtime = self._runtime_modules()
        # What a package name shadowing its submodule means follows what the
        # runtime imports: when that changed, every resolution may have.
        if any(self._submodule_wins(m) != was for m, was in list(self._decided.items())):
            self._resolver = None
        if self._resolver is None:
            self._reset()
        return runtime

    def _read_modules(self, runtime: RuntimeModules | None,
                      ) -> tuple[list[Diagnostic], list[tuple[str, _ModulePart]]]:
        """Every candidate's own findings, and the parts of the modules the
        runtime imports, in the order it imports them."""
        diagnostics: list[Diagnostic] = []
        reachable: list[tuple[str, _ModulePart]] = []
        order = self._order
        if order is None or order[0] != self._candidates:
            order = self._order = (frozenset(self._candidates),
                                   tuple(sorted(self._candidates, key=_import_order)))
        unreachable: dict[str, tuple[_ModulePart, RuntimeModules, list[Diagnostic]]] = {}
        held_parts = self._parts
        for module in order[1]:
            part = held_parts.get(module) or self._module_part(module)
            if part.syntax is not None:
                diagnostics.append(part.syntax)
            diagnostics.extend(part.checks)
            if runtime is not None and module not in runtime:
                held = self._unreachable.get(module)
                if held is None or held[0] is not part or held[1] is not runtime:
                    held = (part, runtime, _unreachable(part, module, runtime))
                unreachable[module] = held
                diagnostics.extend(held[2])
            else:
                reachable.append((module, part))
        self._unreachable = unreachable
        return diagnostics, reachable

    def _imported_syntax_errors(self, runtime: RuntimeModules | None) -> list[Diagnostic]:
        """A module reached through an import (a models file) that stops parsing
        is reported too: its names just became unresolvable. So is a module the
        runtime imports that mentions nothing of Mizan's (a helper): importing
        it fails, so the server does not start."""
        used = {module for module, users in self._part_users.items() if users}
        if runtime is not None:
            used |= runtime.modules
        found: list[Diagnostic] = []
        for module in sorted(used - self._candidates):
            source = self._files.get(module)
            facts = self._facts.get(module)
            error = facts.syntax_error if facts is not None else None
            text = self._imported.get(module)
            if error is None and facts is None and text is not None and source is not None \
                    and text[0] == source.digest:
                error = text[1].syntax_error
            if error is not None and source is not None:
                message, span = error
                found.append(_syntax(message, self._display(source.path), span))
        return found

    def _issue_diagnostics(self, parts: list[tuple[str, _ModulePart]]) -> list[Diagnostic]:
        """The type issues of forms, channels, functions and models, once per
        code and place (a model used twice is reported at its field once)."""
        assert self._resolver is not None
        issues: list[Issue] = [issue for _, part in parts for issue in part.class_issues]
        issues += [issue for _, part in parts for issue in part.unit_issues]
        issues += [issue for found in self._resolver.builder.model_issues.values()
                   for issue in found]
        seen: set[tuple[str, str, tuple[int, int, int, int]]] = set()
        out: list[Diagnostic] = []
        for issue in issues:
            source = self._files.get(issue.module)
            file = self._display(source.path) if source is not None else issue.module
            if (issue.code, file, issue.span) in seen:
                continue
            seen.add((issue.code, file, issue.span))
            out.append(diagnostic(issue.code, issue.message, file, issue.span))
        return out

    def _runtime_modules(self) -> RuntimeModules | None:
        """The project modules the running server imports (None: every module)."""
        # libcst: a warm run answered from the cache never needs it
        from ._reach import runtime_modules

        facts_of = self._facts
        discoveries = [(m, facts_of[m].discovers) for m in sorted(self._candidates)
                       if m in facts_of and facts_of[m].discovers]
        # A keystroke rarely changes what the runtime imports: the last answer
        # stands while the modules, the discoveries and the imports it followed do.
        memo = self._reach
        if memo is not None and memo[0] == self._layout and memo[1] == discoveries \
                and all(self._same_imports(m, *seen) for m, seen in memo[3].items()):
            # A package read again may answer otherwise; one whose facts are
            # those it answered from may not.
            again = {p for p, facts in memo[5].items()
                     if facts is None or self._facts.get(p) is not facts}
            if not again or all(self._binds(*asked) == was for asked, was in memo[4].items()
                                if asked[0] in again):
                return memo[2]
        followed: dict[str, tuple[bytes, bool, tuple[str, ...]]] = {}
        bound: dict[tuple[str, str], bool] = {}
        packages: dict[str, ModuleFacts | None] = {}  # the facts each answer was read from

        def imports_of(module: str) -> tuple[str, ...]:
            found = self._imports_of(module)
            followed[module] = (self._files[module].digest, module in self._facts, found)
            return found

        def binds(package: str, name: str) -> bool:
            answer = bound[package, name] = self._binds(package, name)
            packages[package] = self._facts.get(package)
            return answer

        reached = runtime_modules(self._files.keys(), imports_of, discoveries, binds)
        answer = None
        if reached is not None:
            apps = [app for _, named in discoveries for app in named]
            answer = RuntimeModules(reached, tuple(f"{app}.{part}" for app in apps
                                                   for part in AUTODISCOVERED
                                                   if f"{app}.{part}" in self._files))
        self._reach = (self._layout, discoveries, answer, followed, bound, packages)
        return answer

    def _binds(self, package: str, name: str) -> bool:
        """Whether `package/__init__` binds `name` other than from its submodule."""
        source = self._files.get(package)
        facts = self._load(package) if source is not None and source.is_package else None
        return facts is not None and package_rebinds(facts, name)

    def _submodule_wins(self, module: str) -> bool | None:
        """For a submodule whose package binds its name to something else:
        whether the name is the submodule once the runtime has imported what
        it imports (`Symbols`). The submodule is imported after the binding
        unless `__init__` itself imports it before (directly: the binding
        wins; through another module: None, which depends on what those
        modules run at import time)."""
        answer = self._decide(module)
        self._decided[module] = answer
        return answer

    def _decide(self, module: str) -> bool | None:
        from ._reach import reached_from

        runtime = self._runtime
        if runtime is None:
            return None
        if module not in runtime:
            return False
        package, _, name = module.rpartition(".")
        source = self._files.get(package)
        if source is None:
            return None
        held = self._early.get(module)
        if held is None or held[0] != source.digest:
            from ._reach import imports_before_binding

            text = decode_source(source.data if source.data is not None
                                 else _read(Path(source.path)))
            held = (source.digest, imports_before_binding(text, package, name))
            self._early[module] = held
        early = held[1]
        if early is None:
            return None
        # The package is importing: it has not bound the name yet, and it and
        # its parents are not run again.
        def binds(base: str, part: str) -> bool:
            return base != package and self._binds(base, part)

        running = {".".join(package.split(".")[:i]) for i in range(1, package.count(".") + 2)}
        direct = reached_from(early, self._files.keys(), lambda m: (), binds, set(running))
        if module in direct:
            return False
        if module in reached_from(early, self._files.keys(), self._imports_of, binds,
                                  set(running)):
            return None
        return True

    def _same_imports(self, module: str, digest: bytes, parsed: bool,
                      imports: tuple[str, ...]) -> bool:
        source = self._files.get(module)
        if source is None:
            return False
        if source.digest == digest and (module in self._facts) == parsed:
            return True
        return self._imports_of(module) == imports

    def _imports_of(self, module: str) -> tuple[str, ...]:
        facts = self._facts.get(module)
        if facts is not None:
            return facts.imported
        source = self._files[module]
        cached = self._imported.get(module)
        if cached is None or cached[0] != source.digest:
            from ._reach import imports_from_text

            data = source.data if source.data is not None else _read(Path(source.path))
            text = decode_source(data)
            cached = (source.digest, imports_from_text(text, module, source.is_package))
            self._imported[module] = cached
        return cached[1].imported

    def _registration(self, call: CallX, facts: ModuleFacts, file: str) -> RegisterSite | None:
        assert self._symbols is not None
        symbols = self._symbols
        if not isinstance(call.func, NameX) or not _is(symbols, facts, call.func.dotted,
                                                        known.REGISTER_NAMES):
            return None
        fn = call.args[0] if call.args else call.kwarg("fn")
        name = call.args[1] if len(call.args) > 1 else call.kwarg("name")
        if not isinstance(fn, NameX) or not isinstance(name, ConstX) \
                or not isinstance(name.value, str):
            return None
        target = symbols.resolve(facts, fn.dotted)
        if target.kind != "function" or target.rest:
            return None
        return RegisterSite(name.value, file, call.span, name.span, target.key)


@dataclass(frozen=True, slots=True)
class _ModulePart:
    """What one module contributes, and every module it was computed from."""

    deps: frozenset[str]
    units: tuple[ClientUnit, ...] = ()
    registers: tuple[RegisterSite, ...] = ()
    checks: tuple[Diagnostic, ...] = ()
    syntax: Diagnostic | None = None
    refused: bool = False  # the syntax error is a refusal of its size or shape
    forms: tuple[FormUnit, ...] = ()
    channels: tuple[ChannelUnit, ...] = ()
    file: str = ""
    claims: tuple[ClaimEntry, ...] = ()  # the names importing the module claims, in order

    class_issues: tuple[Issue, ...] = ()  # those of its forms and channels
    unit_issues: tuple[Issue, ...] = ()  # those of its functions


@dataclass(frozen=True, slots=True)
class _Finished:
    """A unit finished under the names it held (`inputs`: its own, and those of
    the functions its `affects=` names): its site and its IR functions."""

    unit: ClientUnit
    inputs: tuple[object, ...]
    site: FunctionSite
    functions: tuple[Function, ...]


@dataclass(frozen=True, slots=True)
class _Finishing:
    """One module's units as finished (`_Finished`), and what the project
    checks read of them."""

    done: tuple[_Finished, ...]
    sites: tuple[FunctionSite, ...]
    functions: tuple[Function, ...]
    public: tuple[str, ...]  # the names its functions are registered under
    contexts: tuple[str, ...]  # the contexts its registered functions declare
    context_sites: tuple[FunctionSite, ...]  # its registered functions of a named context

    @classmethod
    def of(cls, done: tuple[_Finished, ...]) -> _Finishing:
        sites = tuple(d.site for d in done)
        functions = tuple(f for d in done for f in d.functions)
        return cls(done, sites, functions, tuple(f.name for f in functions),
                   tuple(s.context for s in sites if s.functions and s.context is not None),
                   tuple(s for s in sites if s.functions and s.context not in (None, "global")))


@dataclass(frozen=True, slots=True)
class _Merged:
    """What the modules the runtime imports make together (`_merge`), and
    what each part contributed to it, in import order."""

    parts: tuple[tuple[str, _ModulePart], ...]
    table: ClaimsTable
    unit_keys: frozenset[str]
    names_of: dict[str, tuple[str, ...]]
    finished: dict[str, _Finished]  # by `module.qualname`
    finishing: tuple[_Finishing, ...]  # per part
    registered: frozenset[str]  # the `module.qualname` every register() call names
    public: frozenset[str]
    contexts: frozenset[str]
    checks: tuple[tuple[Diagnostic, ...], ...]  # per part: `check_sites` of its sites
    context_sites: tuple[FunctionSite, ...]
    context_checks: tuple[Diagnostic, ...]
    forms: tuple[FormUnit, ...]
    form_nodes: tuple[Form, ...]
    form_checks: tuple[Diagnostic, ...]
    channels: tuple[Channel, ...]
    sites: tuple[FunctionSite, ...]
    functions: tuple[Function, ...]
    registers: tuple[RegisterSite, ...]


def _merge(parts: list[tuple[str, _ModulePart]], last: _Merged | None,
           memo: dict[str, _Finished]) -> _Merged:
    """The claims table, the finished functions and the project checks of
    `parts`. A keystroke changes one part: what reads only that part's own
    contribution is redone for it alone, and what reads the whole project
    (the names table, the registered names, the contexts) is redone only
    when that part's share of it changed. `memo`: the units `last` finished."""
    now = tuple(parts)
    changed: list[int] | None = None  # the parts not in `last`; None: any may be
    if last is not None and len(last.parts) == len(now):
        changed = [i for i, ((_, p), (_, q)) in enumerate(zip(now, last.parts)) if p is not q]
        if not changed:
            return last

    def same(of: Callable[[_ModulePart], object]) -> bool:
        return last is not None and changed is not None \
            and all(of(now[i][1]) == of(last.parts[i][1]) for i in changed)

    # Who wins a name follows from the claims alone: while a changed part
    # claims what it claimed, its declarations are swapped in.
    claims_held = same(_claims_of)
    if last is not None and changed is not None and claims_held:
        table = last.table.redeclared(pair for i in changed
                                      for pair in zip(last.parts[i][1].claims, now[i][1].claims))
    else:
        table = ClaimsTable.of(claim for _, part in now for claim in part.claims)
    unit_keys = last.unit_keys if last is not None and same(_unit_keys_of) else \
        frozenset(unit.site.key for _, part in now for unit in part.units)
    names_held = last is not None and claims_held and unit_keys is last.unit_keys
    names_of = last.names_of if last is not None and names_held else table.names_of(unit_keys)

    finishing: list[_Finishing]
    if last is not None and changed is not None and names_held:
        # Every unit of an unchanged part holds the names it was finished under.
        finished = memo
        finishing = list(last.finishing)
        for i in changed:
            for unit in last.parts[i][1].units:
                finished.pop(unit.site.key, None)
            finishing[i] = _finish_part(now[i][1].units, names_of, unit_keys, finished, finished,
                                        None)
    else:
        finished = {}
        before = last.finishing if last is not None and changed is not None else None
        finishing = [_finish_part(part.units, names_of, unit_keys, memo, finished,
                                  before[i] if before is not None else None)
                     for i, (_, part) in enumerate(now)]
    moved = [i for i in range(len(now)) if finishing[i] is not last.finishing[i]] \
        if last is not None and changed is not None else None

    def held(of: Callable[[_Finishing], object]) -> bool:
        return last is not None and moved is not None \
            and all(of(finishing[i]) == of(last.finishing[i]) for i in moved)

    registered = last.registered if last is not None and same(_registered_of) else \
        frozenset(reg.function for _, part in now for reg in part.registers)
    public = last.public if last is not None and held(_public_of) else \
        frozenset(name for f in finishing for name in f.public)
    contexts = last.contexts if last is not None and held(_contexts_of) else \
        frozenset(context for f in finishing for context in f.contexts)
    names_stand = last is not None and moved is not None and registered is last.registered \
        and public is last.public and contexts is last.contexts
    if last is not None and moved is not None and names_stand:
        checks = list(last.checks)
        for i in moved:
            checks[i] = tuple(check_sites(finishing[i].sites, contexts, public, registered))
    else:
        checks = [tuple(check_sites(f.sites, contexts, public, registered)) for f in finishing]
    context_sites = tuple(chain.from_iterable(f.context_sites for f in finishing))
    context_checks = last.context_checks \
        if last is not None and context_sites == last.context_sites \
        else tuple(check_context_params(context_sites))

    declared_held = last is not None and changed is not None and claims_held
    if last is not None and declared_held and not any(
            now[i][1].forms or last.parts[i][1].forms for i in changed or ()):
        forms = last.forms
    else:
        forms = tuple(table.forms())
    if last is not None and forms is last.forms and names_held and names_stand:
        form_nodes, form_checks = last.form_nodes, last.form_checks
    else:
        nodes, found = _form_affects(forms, names_of, unit_keys, contexts, public)
        form_nodes, form_checks = tuple(dict.fromkeys(nodes)), tuple(found)
    if last is not None and declared_held and not any(
            now[i][1].channels or last.parts[i][1].channels for i in changed or ()):
        channels = last.channels
    else:
        channels = tuple(table.channels())
    return _Merged(
        now, table, unit_keys, names_of, finished, tuple(finishing), registered, public,
        contexts, tuple(checks), context_sites, context_checks, forms, form_nodes, form_checks,
        channels, tuple(chain.from_iterable(f.sites for f in finishing)),
        tuple(chain.from_iterable(f.functions for f in finishing)),
        tuple(chain.from_iterable(part.registers for _, part in now)))


def _finish_part(units: tuple[ClientUnit, ...], names_of: dict[str, tuple[str, ...]],
                 unit_keys: frozenset[str], memo: dict[str, _Finished],
                 finished: dict[str, _Finished], before: _Finishing | None) -> _Finishing:
    """Each unit's site and IR functions under the names it holds (into
    `finished`); a unit read before (`memo`), holding the same names, is not
    finished again, and a part none of whose units changed is `before`."""
    done = []
    for unit in units:
        key = unit.site.key
        inputs = (names_of.get(key),
                  tuple((a.function, a.function in unit_keys, names_of.get(a.function or ""))
                        for a in unit.site.affects))
        found = memo.get(key)
        if found is None or found.unit is not unit or found.inputs != inputs:
            found = _Finished(unit, inputs, *_finish(unit, names_of, unit_keys))
        finished[key] = found
        done.append(found)
    if before is not None and len(before.done) == len(done) \
            and all(a is b for a, b in zip(before.done, done)):
        return before
    return _Finishing.of(tuple(done))


def _claims_of(part: _ModulePart) -> tuple[Claim, ...]:
    return tuple(entry.claim for entry in part.claims)


def _unit_keys_of(part: _ModulePart) -> tuple[str, ...]:
    return tuple(unit.site.key for unit in part.units)


def _registered_of(part: _ModulePart) -> tuple[str, ...]:
    return tuple(reg.function for reg in part.registers)


def _public_of(finishing: _Finishing) -> tuple[str, ...]:
    return finishing.public


def _contexts_of(finishing: _Finishing) -> tuple[str, ...]:
    return finishing.contexts


def _resolve_affects(affects: tuple[AffectsSite, ...], names_of: dict[str, tuple[str, ...]],
                     unit_keys: frozenset[str]) -> tuple[AffectsSite, ...]:
    """Each function object named by its first registered name (None: not a @client)."""
    return tuple(
        replace(a, target=names_of.get(a.function, (None,))[0]) if a.function in unit_keys
        else replace(a, function=None) if a.kind == "function" else a
        for a in affects)


def _form_affects(forms: Iterable[FormUnit], names_of: dict[str, tuple[str, ...]],
                  unit_keys: frozenset[str], contexts: frozenset[str], functions: frozenset[str],
                  ) -> tuple[list[Form], list[Diagnostic]]:
    """The form nodes with their `affects=` resolved, and `mizan-affects` for them."""
    nodes: list[Form] = []
    checks: list[Diagnostic] = []
    for unit in forms:
        affects = _resolve_affects(unit.affects, names_of, unit_keys)
        nodes.append(replace(unit.form, affects=affects_ir(affects, names_of)))
        checks.extend(check_affects(affects, unit.file, contexts, functions))
    return nodes, checks


def _finish(unit: ClientUnit, names_of: dict[str, tuple[str, ...]],
            unit_keys: frozenset[str]) -> tuple[FunctionSite, tuple[Function, ...]]:
    """The site with its registered IR functions and resolved affects targets."""
    site = unit.site
    site = replace(site, affects=_resolve_affects(site.affects, names_of, unit_keys))
    made = tuple(replace(unit.template, name=name, affects=affects_for(site, names_of))
                 for name in names_of.get(site.key, ()))
    return replace(site, functions=made), made


@dataclass(frozen=True, slots=True)
class RuntimeModules:
    """What the running server imports, and the autodiscovered modules among them."""

    modules: set[str]
    discovered: tuple[str, ...]

    def __contains__(self, module: object) -> bool:
        return module in self.modules


def _unreachable(part: _ModulePart, module: str, runtime: RuntimeModules) -> list[Diagnostic]:
    """One `mizan-unreachable` per function, form and channel of a module the
    runtime never imports (they are in neither IR)."""
    app = [m for m in runtime.discovered if module.startswith(m.rsplit(".", 1)[0] + ".")]
    imported = app or list(runtime.discovered)
    found = [("@client function", u.site.qualname, u.site.file, u.site.name_span)
             for u in part.units]
    found += [("form", f.form.qualname, part.file, f.name_span) for f in part.forms]
    found += [("channel", c.channel.qualname, part.file, c.name_span) for c in part.channels]
    return [diagnostic(UNREACHABLE, messages.unreachable(kind, qualname, module, imported),
                       file, span) for kind, qualname, file, span in found]


def _syntax(message: str, file: str, span: tuple[int, int, int, int]) -> Diagnostic:
    return diagnostic(SYNTAX, f"syntax error: {message}; this file is skipped until it parses.",
                      file, span)


def _import_order(module: str) -> tuple[int, str]:
    """`<app>.clients` modules first: `mizan_clients("app")` imports them before
    anything else, so their registrations are the ones that hold at run time."""
    return (0 if module.rsplit(".", 1)[-1] == "clients" else 1, module)


def _is(symbols: Symbols, facts: ModuleFacts, dotted: str, names: frozenset[str]) -> bool:
    target = symbols.resolve(facts, dotted)
    return target.kind == "external" and target.name in names


def _read(path: Path) -> bytes:
    return read_source(path) or b""
