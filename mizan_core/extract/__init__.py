"""The static extractor: Python source -> IR and diagnostics, without importing
the project or Django.

    from mizan_core.extract import ProjectIndex, IndexResult, extract_ir, check_source

    index = ProjectIndex([Path("backend")], cache_dir=Path(".mizan_cache"))
    result = index.build()                          # IndexResult
    result.ir                                       # mizan_core.ir.ProjectIR
    result.diagnostics                              # tuple[Diagnostic, ...], sorted
    result.for_file(path)                           # one file's diagnostics
    result.sites                                    # FunctionSite per @client function
    result.affects_sites(path)                      # AffectsSite per affects= item
    result = index.update_file(path, text=buffer)   # one file changed (editor buffer)
    result = index.remove_file(path)

    index_for(config) -> ProjectIndex               # the index a ProjectConfig describes
    build_for(config) -> IndexResult                # the same, built once (warm: from the cache)
    extract_ir([root]) -> IndexResult               # one-shot, no cache
    build([root], cache_dir, display_root)          # one-shot; unchanged: answered from the cache
    check_source(text, path=None) -> tuple[Diagnostic, ...]   # one file alone, any text
    fingerprint([root], display_root) -> bytes      # changes when any file does; parses nothing
    without_mizan([root]) -> list[str] | None       # every file, when none names Mizan

Modules: `module` (text -> facts), `_imports` (per-module import table),
`_symbols` (names across modules), `types` + `_models` (annotations -> types),
`functions` (@client -> FunctionSite + IR), `index` (the project), `result`.

The index and its result load on first use: a caller that only asks for the
`fingerprint` (the mypy plugin, on every run) does not pay for them, nor
does a `build` that the result cache answers (a warm `mizan check`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._files import without_mizan as _without_mizan
from ._tree import fingerprint

if TYPE_CHECKING:
    from mizan_core.config import ProjectConfig
    from mizan_core.rules import Diagnostic

    from .index import ProjectIndex
    from .result import IndexResult

__all__ = ["IndexResult", "ProjectIndex", "build", "build_for", "check_source", "extract_ir",
           "fingerprint", "index_for", "without_mizan"]


def __getattr__(name: str) -> Any:
    if name == "ProjectIndex":
        from .index import ProjectIndex

        return ProjectIndex
    if name == "IndexResult":
        from .result import IndexResult

        return IndexResult
    raise AttributeError(f"module 'mizan_core.extract' has no attribute {name!r}")


def extract_ir(roots: Sequence[Path | str], cache_dir: Path | None = None) -> IndexResult:
    """Read the project under `roots` once."""
    from .index import ProjectIndex

    return ProjectIndex([Path(r) for r in roots], cache_dir=cache_dir).build()


def build(roots: Sequence[Path | str], cache_dir: Path | None = None,
          display_root: Path | None = None,
          save_later: list[Callable[[], None]] | None = None) -> IndexResult:
    """`ProjectIndex(roots, cache_dir, display_root).build()`, for a caller that
    reads the result once: when nothing changed since the last build with
    this cache, the stored result is returned without loading the extractor.
    `save_later`: a built result's cache is written by the function added
    to it, which the caller runs once it has shown the result."""
    from ._cache import FactsCache

    facts = FactsCache(cache_dir)
    if facts.has_result():  # else a cold start: the index reads the tree itself, once
        from ._files import project_key
        from ._tree import FileTable
        from .result import IndexResult

        resolved = [Path(r).resolve() for r in roots]
        shown = (display_root or Path.cwd()).resolve()
        table = FileTable(cache_dir)
        cached = facts.cached_result(project_key(shown, resolved, table.read(resolved)))
        if cached is not None:
            table.save()
            return IndexResult.from_cache(
                cached, fallback=lambda: _index(resolved, None, shown).build())
    index = _index([Path(r) for r in roots], cache_dir, display_root)
    if save_later is None:
        return index.build()
    result = index.build(defer_cache=True)
    save_later.append(index.save_cache)
    return result


def _index(roots: list[Path], cache_dir: Path | None, display_root: Path | None) -> ProjectIndex:
    from .index import ProjectIndex

    return ProjectIndex(roots, cache_dir=cache_dir, display_root=display_root)


def _configured(config: ProjectConfig, cache: Path | bool, display_root: Path | None
                ) -> tuple[list[Path], Path | None, Path]:
    cache_dir = config.cache_folder if cache is True else cache or None
    return list(config.static_paths), cache_dir, display_root or config.root


def index_for(config: ProjectConfig, *, cache: Path | bool = True,
              display_root: Path | None = None) -> ProjectIndex:
    """The index of the project `config` describes: its source roots; the facts
    cache in `config.cache_folder` (`cache=False`: none, a Path: that folder);
    file names shown relative to `display_root` (default: the configuration's
    folder). Every tool builds its index here, so all of them share one cache."""
    return _index(*_configured(config, cache, display_root))


def build_for(config: ProjectConfig, *, cache: Path | bool = True,
              display_root: Path | None = None,
              save_later: list[Callable[[], None]] | None = None) -> IndexResult:
    """`index_for(config, ...).build()` for a caller that reads the result once
    (a command): unchanged since the last build, it comes from the cache."""
    return build(*_configured(config, cache, display_root), save_later)


def without_mizan(roots: Sequence[Path | str]) -> list[str] | None:
    """The absolute path of every source file under `roots` when none of them
    names Mizan (a build would find nothing: no declaration, no finding);
    None as soon as one does. Reads bytes, parses nothing."""
    return _without_mizan([Path(r).resolve() for r in roots])


def check_source(text: str, path: Path | str | None = None) -> tuple[Diagnostic, ...]:
    """Diagnostics of one file read alone (names imported from other project
    modules stay unresolved). Works on any text, half-typed included."""
    from .index import ProjectIndex

    index = ProjectIndex([])
    return index.update_file(Path(path) if path is not None else Path("untitled.py"),
                             text).diagnostics
