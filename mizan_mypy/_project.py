"""The project as the static index sees it, for one mypy process.

Facts that span modules (which contexts exist, which names are registered,
which functions are never registered) cannot come from mypy's hooks: under
incremental and parallel mypy (`--num-workers`) a hook sees only its own
module, and nothing may be shared between hooks. They come from
`mizan_core.extract.ProjectIndex` over the configured source roots, built
once per process from the files on disk (a pure function of the tree, so
every worker computes the same thing; the index's own per-file cache makes
the second worker's build cheap).

`cache_key()` is what `report_config_data` returns for a module: mypy keeps
its cached result only while the key is unchanged. The key of a module is a
digest of the Mizan diagnostics the index gives for that file (so a finding
that depends on another module, such as `mizan-unregistered`, refreshes it),
plus, for a module that uses `affects=`, a digest of the names an affects
target can refer to. A module with nothing to say (outside the source
roots, or without findings and without `affects=`) gets no key at all, so
renaming a context rechecks only the modules that could report differently,
and a project without any Mizan code costs no key, nor a path lookup, for
any of the modules mypy reads.

The facts are also kept in mypy's cache folder (`mizan/plugin-facts-v<N>.cache`,
plain data tagged with the user's key, see `mizan_core.extract.storage`),
keyed by the index's `fingerprint` of the tree: a run over an unchanged tree
(mypy's cache warm) reads them back without building anything.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from mizan_core.config import ProjectConfig
    from mizan_core.extract.storage import Codec
    from mizan_core.rules import Diagnostic

__all__ = ["ProjectFacts", "cached_facts", "load_facts", "quiet_facts", "under"]

# Bump when what goes into ProjectFacts changes (a change of its fields
# changes the codec's schema by itself).
_FACTS_FILE = "plugin-facts-v2.cache"


class _Fields(NamedTuple):
    """What the plugin needs from the static index, keyed by absolute path."""

    context_names: frozenset[str] = frozenset()
    # every registered public name of a function (affects targets by string)
    function_names: frozenset[str] = frozenset()
    # "module.qualname" of a @client function -> its registered names ("" if none)
    registered: dict[str, tuple[str, ...]] = {}  # never changed once made  # noqa: RUF012
    diagnostics: dict[str, tuple[Diagnostic, ...]] = {}  # noqa: RUF012
    modules: frozenset[str] = frozenset()  # dotted names of the modules under the roots
    error: str | None = None  # why the index could not be built


# A named tuple, not a dataclass: every mypy run creates this class (a warm
# one reads the facts back), and a dataclass costs about ten times more to
# make. The subclass has a `__dict__` for the cached properties.
class ProjectFacts(_Fields):
    """What the plugin needs from the static index, keyed by absolute path."""

    def for_file(self, path: str) -> tuple[Diagnostic, ...]:
        return self.diagnostics.get(_key(path), ())

    def knows_module(self, module: str) -> bool:
        return module in self.modules

    def knows(self, path: str) -> bool:
        return self._known(path) is not None

    def _known(self, path: str) -> str | None:
        """The key under which the file is known, if it is. The keys are real
        paths, so a path whose absolute form is one is that file (asked for
        each module of the roots: no `lstat`, no resolving)."""
        if ".." not in path:
            absolute = os.path.abspath(path)
            if absolute in self.diagnostics:
                return absolute
        real = _key(path)
        return real if real in self.diagnostics else None

    @functools.cached_property
    def quiet(self) -> bool:
        """Nothing of Mizan's anywhere: no function, no name, no finding. Then
        a module's key needs no look at its text: the `names` part of a key
        says only that the names might matter, and none exist to matter."""
        return not (self.context_names or self.function_names or self.registered
                    or self.modules or self.error or any(self.diagnostics.values()))

    @functools.cached_property
    def names_digest(self) -> str:  # asked once per module: computed once per process
        payload = [sorted(self.context_names), sorted(self.function_names),
                   sorted((k, list(v)) for k, v in self.registered.items())]
        return _digest(payload)

    def cache_key(self, path: str, uses_affects: bool) -> dict[str, str] | None:
        known = None if self.quiet else self._known(path)
        if known is None:
            return None
        key = {}
        diagnostics = self.diagnostics[known]
        if diagnostics:
            key["diagnostics"] = _digest([d.to_json() for d in diagnostics])
        if uses_affects:
            key["names"] = self.names_digest
        return key or None


def load_facts(config: ProjectConfig, cache_dir: Path | None,
               after: Callable[[ProjectFacts], None] | None = None) -> ProjectFacts:
    """Build the index over the configured roots and keep what the plugin reads.

    A failure of the index is a fact too: the hooks report it where they fire
    (the mypy-only checks still run) instead of crashing mypy with a traceback.
    """
    try:
        return _build(config, cache_dir, after)
    except Exception as exc:  # noqa: BLE001 - any bug in reading sources must not stop mypy
        roots = ", ".join(str(p) for p in config.static_paths)
        return ProjectFacts(error=f"Mizan could not index the sources under {roots}: "
                                  f"{type(exc).__name__}: {exc}; `mizan check` shows more")


def cached_facts(config: ProjectConfig, cache_dir: Path | None) -> ProjectFacts | None:
    """The facts of the last build, if no file under the roots changed since."""
    if cache_dir is None:
        return None
    from mizan_core.extract import fingerprint  # light: `stat`s, hashes what changed
    from mizan_core.extract.storage import read_sections

    sections = read_sections(cache_dir / _FACTS_FILE, _codec())
    if sections is None or len(sections) != 2 \
            or sections[0] != fingerprint(list(config.static_paths), config.root,
                                          cache_dir).hex().encode():
        return None  # missing, truncated, foreign or out of date: build instead
    try:
        facts = _codec().loads(sections[1])
    except (ValueError, TypeError, IndexError, RecursionError):
        return None
    return facts if isinstance(facts, ProjectFacts) else None


def quiet_facts(config: ProjectConfig, cache_dir: Path | None = None) -> ProjectFacts | None:
    """The facts a build would give a tree in which no file names Mizan (every
    file known, none with a finding), read from bytes without the index or a
    helper process; None when some file does name Mizan. Kept like built
    facts (`cached_facts` reads them back from each file's `stat`)."""
    from mizan_core.extract import fingerprint, without_mizan  # light: bytes, no parse

    paths = without_mizan(list(config.static_paths))
    if paths is None:
        return None
    facts = ProjectFacts(diagnostics={_key(path): () for path in paths})
    if cache_dir is not None:
        from mizan_core.extract.storage import write_sections

        key = fingerprint(list(config.static_paths), config.root, cache_dir)
        write_sections(cache_dir / _FACTS_FILE, _codec(), [key.hex().encode(),
                                                          _codec().dumps(facts)])
    return facts


def _build(config: ProjectConfig, cache_dir: Path | None,
           after: Callable[[ProjectFacts], None] | None) -> ProjectFacts:
    from mizan_core.extract import index_for  # the index itself (libcst) loads here

    index = index_for(config, cache=cache_dir or False)
    result = index.build(defer_cache=True)
    by_file: dict[str, list[Diagnostic]] = {_key(real): [] for real in result.paths.values()}
    for diagnostic in result.diagnostics:
        real = result.paths.get(diagnostic.file, str(config.root / diagnostic.file))
        by_file.setdefault(_key(real), []).append(diagnostic)
    sites = result.sites
    # The IR's contexts and functions, read off the sites: assembling (or, from
    # the cache, decoding) the whole IR would cost more than the rest.
    made = [fn for site in sites for fn in site.functions]
    facts = ProjectFacts(
        context_names=frozenset(fn.context for fn in made if fn.context is not None),
        function_names=frozenset(fn.name for fn in made),
        registered={site.key: site.registered_names for site in sites},
        diagnostics={k: tuple(v) for k, v in by_file.items()},
        modules=frozenset(site.module for site in sites),
    )
    if after is not None:
        after(facts)  # hand the facts over before the (slow) cache writes
    if cache_dir is not None:
        from mizan_core.extract.storage import write_sections

        # Keyed by the text the build read: an edit made meanwhile leaves a
        # key that no longer matches, never facts that look current.
        write_sections(cache_dir / _FACTS_FILE, _codec(),
                       [index.fingerprint.hex().encode(), _codec().dumps(facts)])
    index.save_cache()
    return facts


@functools.cache
def _codec() -> Codec:
    from mizan_core.extract.storage import Codec
    from mizan_core.rules import Diagnostic

    return Codec("mypy-plugin-facts", [ProjectFacts, Diagnostic])


@functools.cache
def _real_folder(folder: str) -> str:
    """`os.path.realpath` of an absolute, normalised folder at one `lstat`:
    its parent is resolved once for all of the folders in it (realpath
    itself walks every component of every folder mypy reads a module of)."""
    parent, name = os.path.split(folder)
    if not name:  # the filesystem's root
        return folder
    real = os.path.join(_real_folder(parent), name)
    return os.path.realpath(real) if os.path.islink(real) else real


@functools.cache
def _key(path: str) -> str:
    """The file's real path, as the index names it. mypy asks about every
    module it reads, site-packages included: resolving each path component by
    component costs a syscall per component per file (50 ms on 300 of
    Django's files), so a folder is resolved once per folder and a file
    costs one `lstat` (is it itself a link?)."""
    absolute = os.path.abspath(path)
    if f"{os.sep}..{os.sep}" in f"{os.sep}{path}{os.sep}":
        return os.path.realpath(path)  # `..` after a link means the link's parent
    folder, name = os.path.split(absolute)
    real = os.path.join(_real_folder(folder), name)
    if os.path.islink(real):
        return os.path.realpath(real)
    return real


def under(path: str, roots: tuple[Path, ...]) -> bool:
    """Whether the file lies under one of the (resolved) source roots."""
    real = _key(path)
    return real.startswith(_prefixes(roots)) or any(real == str(root) for root in roots)


@functools.cache
def _prefixes(roots: tuple[Path, ...]) -> tuple[str, ...]:
    # Strings, not `Path.is_relative_to`: asked for every module mypy reads.
    return tuple(str(root) if str(root).endswith(os.sep) else f"{root}{os.sep}" for root in roots)


def _digest(payload: object) -> str:
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
