"""The mypy plugin class: `plugins = ["mizan_mypy"]`.

Hooks only dispatch (to `_hooks`); the plugin reads mypy's nodes and types
and never creates any, so new mypy releases have little to break. The
project's configuration is read once when mypy loads the plugin, in every
process (the coordinator and each `--num-workers` worker); the static index
is built on first use, also per process.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mypy.options import Options
from mypy.plugin import FunctionContext, MethodContext, Plugin, ReportConfigContext
from mypy.types import Type

from mizan_core.config import ConfigError, ProjectConfig, find_config, load_config

from ._quiet import is_marked

if TYPE_CHECKING:
    from ._indexer import Prefetch
    from ._project import ProjectFacts

__all__ = ["MizanPlugin"]

# Every name a hook is for starts so: mypy asks about every call it checks,
# and the hooks (with the rules they load) are imported on the first of ours.
_OURS = "mizan_core."
# Cheap text test before asking the index: only modules that can name an
# affects target depend on the set of context and registered names.
_AFFECTS_MARKER = b"affects"
# The cache key of a module written before the index was ready. No real key
# equals it, so the next run rechecks that module once instead of this run
# stalling on the index (see `report_config_data`).
_NOT_YET_KNOWN = {"mizan": "written before the index was ready"}


class MizanPlugin(Plugin):
    def __init__(self, options: Options) -> None:
        super().__init__(options)
        self._config = _read_config(options)
        self._cache_dir = _index_cache_dir(options)
        self._facts: ProjectFacts | None = None
        self._prefetch: Prefetch | None = None
        # The last run found no Mizan code under the roots: until a hook
        # fires nothing depends on the facts, so they are made sure of then,
        # not here (see _quiet). Every module's key meanwhile is None.
        self._deferred = is_marked(self._cache_dir, self._config.static_paths)
        if not self._deferred:
            self._start()

    def _start(self) -> None:
        """Facts built from the files on disk, identical in every process:
        read back when no file changed since the last run, known at once
        when no file names Mizan (a project that does not use it pays a
        byte scan), else built in a helper process that overlaps with
        mypy's own start (see _indexer)."""
        from ._project import cached_facts, quiet_facts
        from ._quiet import set_mark

        config, cache_dir = self._config, self._cache_dir
        self._facts = cached_facts(config, cache_dir) or quiet_facts(config, cache_dir)
        set_mark(cache_dir, config.static_paths, self._facts is not None and self._facts.quiet)
        if self._facts is None:
            from ._indexer import Prefetch

            self._prefetch = Prefetch(config, cache_dir)

    def facts(self) -> ProjectFacts:
        if self._deferred:
            self._deferred = False
            self._start()
        if self._facts is None:
            assert self._prefetch is not None
            self._facts = self._prefetch.result()
        return self._facts

    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        if not fullname.startswith(_OURS):
            return None
        from . import _hooks

        hook = {_hooks.CLIENT: _hooks.on_client_call, _hooks.REGISTER: _hooks.on_register}.get(
            fullname)
        return functools.partial(hook, self.facts) if hook is not None else None

    def get_method_hook(self, fullname: str) -> Callable[[MethodContext], Type] | None:
        if not fullname.startswith(_OURS):
            return None
        from . import _hooks

        hook = {_hooks.CLIENT_DECORATOR_CALL: _hooks.on_decorated,
                _hooks.REGISTRY_REGISTER: _hooks.on_register}.get(fullname)
        return functools.partial(hook, self.facts) if hook is not None else None

    def report_config_data(self, ctx: ReportConfigContext) -> Any:
        if self._deferred or not ctx.path.endswith(".py"):
            return None
        facts = self._facts
        if facts is not None:
            # No Mizan code anywhere: no module has anything to say. Else the
            # facts name every module of the roots, and any other (stubs, the
            # standard library, site-packages) has no key.
            if facts.quiet or not facts.knows(ctx.path):
                return None
        elif not self._under_roots(ctx.path):
            return None
        elif not ctx.is_check and self._prefetch is not None and self._prefetch.busy():
            # mypy is writing the cache of a module it checked without any
            # Mizan hook (a cold run reaches leaf modules such as an empty
            # package `__init__` in its first second, before the index is
            # built). Waiting here would stall mypy for nothing: the key only
            # matters to the next run, which then rechecks this one module.
            return _NOT_YET_KNOWN
        try:
            with open(ctx.path, "rb") as source:
                uses_affects = _AFFECTS_MARKER in source.read()
        except OSError:
            return None
        return self.facts().cache_key(ctx.path, uses_affects)

    def _under_roots(self, path: str) -> bool:
        from ._project import under  # loaded with the facts (`_start`)

        return under(path, self._config.static_paths)


def _read_config(options: Options) -> ProjectConfig:
    """The Mizan configuration beside (or above) mypy's, else above the cwd;
    without one, the current directory is the only source root (as for
    `mizan check`)."""
    cwd = Path.cwd()
    found = None
    if options.config_file:
        found = find_config(Path(options.config_file).resolve().parent)
    try:
        return load_config(found, cwd=cwd)
    except ConfigError as exc:
        # Like mypy's own configuration errors: a message and exit status 2.
        print(f"mizan_mypy: error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def _index_cache_dir(options: Options) -> Path | None:
    if not options.incremental or not options.cache_dir or options.cache_dir == os.devnull:
        return None
    return Path(options.cache_dir) / "mizan"
