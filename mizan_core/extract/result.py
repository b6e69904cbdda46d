"""`IndexResult`: one immutable snapshot of a project as read from source.

What it offers (the mypy plugin and the language server code against this):

- `ir`: the `ProjectIR` (`mizan_core.ir`), identical to the runtime export;
- `diagnostics`: every finding, sorted by file, line, column;
- `for_file(path)`: the findings of one file (absolute or display path);
- `functions()`: one `FunctionSite` per `@client` function (registered or
  not) with the range of its name, decorator, parameters, annotations and
  `@client(...)` arguments, and its IR `Function`s (one per registered name);
- `affects_sites(path=None)`: every `affects=` item (its range, what it names);
- `registers`: every `register(fn, "name")` call with the range of the name.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

# The IR and the sites load only when asked for: a warm `mizan check`
# answered from the cache prints the diagnostics and needs neither.
if TYPE_CHECKING:
    from mizan_core.ir import ProjectIR
    from mizan_core.rules import Diagnostic
    from mizan_core.rules.sites import AffectsSite, FunctionSite, RegisterSite

__all__ = ["IndexResult"]


class IndexResult:
    """`ir` is assembled on first access: an editor asking only for diagnostics
    on a keystroke does not pay for it."""

    __slots__ = ("_count", "_fallback", "_ir", "_make_ir", "_sites", "_texts", "diagnostics",
                 "paths")

    def __init__(self, ir: ProjectIR | None, diagnostics: tuple[Diagnostic, ...],
                 sites: tuple[FunctionSite, ...] = (), registers: tuple[RegisterSite, ...] = (),
                 paths: dict[str, str] | None = None) -> None:
        self._ir = ir
        self._make_ir: Callable[[], ProjectIR] | None = None
        # from the cache: a function that decodes them, called only if they are asked for
        self._sites: tuple[tuple[FunctionSite, ...], tuple[RegisterSite, ...]] | Callable[[], Any] = (
            sites, registers)
        self._texts: dict[str, str] = {}  # exported documents by format, when cached
        self._count: int | None = None  # how many sites, when cached
        # from the cache: computes the sites when the cached ones cannot be decoded
        self._fallback: Callable[[], tuple[tuple[FunctionSite, ...],
                                           tuple[RegisterSite, ...]]] | None = None
        self.diagnostics = diagnostics
        self.paths = paths or {}  # display name -> absolute path

    @classmethod
    def lazy(cls, make_ir: Callable[[], ProjectIR], diagnostics: tuple[Diagnostic, ...],
             sites: tuple[FunctionSite, ...], registers: tuple[RegisterSite, ...],
             paths: dict[str, str]) -> IndexResult:
        result = cls(None, diagnostics, sites, registers, paths)
        result._make_ir = make_ir
        return result

    @property
    def ir(self) -> ProjectIR:
        if self._ir is None:
            if self._make_ir is None:
                from mizan_core.ir import loads_json

                self._ir = loads_json(self._texts["json"])
            else:
                self._ir = self._make_ir()
                self._make_ir = None
        return self._ir

    def export(self, fmt: str = "kdl") -> str:
        """The IR as a KDL or JSON document (from the cache when unchanged)."""
        text = self._texts.get(fmt)
        if text is None:
            from mizan_core.ir import dumps_json, dumps_kdl

            text = dumps_kdl(self.ir) if fmt == "kdl" else dumps_json(self.ir)
            self._texts[fmt] = text
        return text

    @property
    def sites(self) -> tuple[FunctionSite, ...]:
        return self._unpacked()[0]

    @property
    def registers(self) -> tuple[RegisterSite, ...]:
        return self._unpacked()[1]

    @property
    def function_count(self) -> int:
        """How many `@client` functions (`len(sites)`, without decoding them)."""
        return self._count if self._count is not None else len(self.sites)

    def _unpacked(self) -> tuple[tuple[FunctionSite, ...], tuple[RegisterSite, ...]]:
        sites = self._sites
        if callable(sites):
            sites = sites()
            if not (isinstance(sites, tuple) and len(sites) == 2):
                sites = self._fallback() if self._fallback is not None else ((), ())
            self._sites = sites
        return sites

    # --- the result cache (extract._cache) ------------------------------------------

    def to_cache(self, key: bytes) -> dict[str, Any]:
        return {"key": key, "kdl": self.export("kdl"), "json": self.export("json"),
                "diagnostics": self.diagnostics, "paths": self.paths,
                "functions": self.function_count, "sites": self._unpacked()}

    @classmethod
    def from_cache(cls, data: dict[str, Any],
                   fallback: Callable[[], IndexResult] | None = None) -> IndexResult:
        """`fallback` computes the same result afresh; its sites stand in for
        cached ones this version cannot decode."""
        result = cls(None, data["diagnostics"], paths=data["paths"])
        result._texts = {"kdl": data["kdl"], "json": data["json"]}
        result._sites = data["sites"]
        count = data.get("functions")
        result._count = count if type(count) is int else None
        if fallback is not None:
            result._fallback = lambda: fallback()._unpacked()
        return result

    def __repr__(self) -> str:
        return f"<IndexResult {len(self.sites)} functions, {len(self.diagnostics)} diagnostics>"

    def _display_of(self, path: Path | str) -> str:
        absolute = os.path.abspath(path)
        for shown, real in self.paths.items():
            if real == absolute:
                return shown
        return str(path)

    def for_file(self, path: Path | str) -> tuple[Diagnostic, ...]:
        shown = self._display_of(path)
        return tuple(d for d in self.diagnostics if d.file == shown)

    def functions(self) -> tuple[FunctionSite, ...]:
        return self.sites

    def affects_sites(self, path: Path | str | None = None) -> tuple[AffectsSite, ...]:
        shown = None if path is None else self._display_of(path)
        return tuple(a for s in self.sites if shown is None or s.file == shown for a in s.affects)

    @property
    def ok(self) -> bool:
        """True when there is no finding at all (errors or warnings)."""
        return not self.diagnostics
