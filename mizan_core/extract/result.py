"""`IndexResult`: one frozen snapshot of a project as read from source.

What it offers (the mypy plugin and the language server code against this):

- `ir`: the `ProjectIR` (`mizan_core.ir`), identical to the runtime export;
- `diagnostics`: every finding, sorted by file, line, column;
- `for_file(path)`: the findings of one file (absolute or display path);
- `sites` (also `functions()`): one `FunctionSite` per `@client` function (registered or
  not) with the range of its name, decorator, parameters, annotations and
  `@client(...)` arguments, and its IR `Function`s (one per registered name);
- `affects_sites(path=None)`: every `affects=` item (its range, what it names);
- `registers`: every `register(fn, "name")` call with the range of the name.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

# The IR and the sites load only when asked for: a warm `mizan check`
# answered from the cache prints the diagnostics and needs neither.
if TYPE_CHECKING:
    from mizan_core.ir import ProjectIR
    from mizan_core.rules import Diagnostic
    from mizan_core.rules.sites import AffectsSite, FunctionSite, RegisterSite

__all__ = ["IndexResult"]

Sites = tuple[tuple["FunctionSite", ...], tuple["RegisterSite", ...]]
_COMPACT_JSON = "json, compact"  # a cached result's IR document, not indented


class IndexResult:
    """A frozen value: what one build or update read, fixed when it is made.

    Its attributes cannot be set. What costs to derive is derived on first
    use and then kept: `ir` is assembled (or, for a cached result, loaded
    from its JSON), `export()` dumps a document, the sites of a cached result
    are decoded. An editor asking only for diagnostics on a keystroke pays
    for none of them. Each is a pure function of what the value was made
    from, so a result reads the same from any thread, at any time (two
    threads asking at once may both compute it; they get equal answers).
    """

    __slots__ = ("_count", "_derived", "_make_ir", "_make_sites", "_texts", "diagnostics",
                 "paths")

    diagnostics: tuple[Diagnostic, ...]
    paths: dict[str, str]  # display name -> absolute path
    _make_ir: Callable[[], ProjectIR]
    _make_sites: Callable[[], Sites]
    _count: int | None
    _derived: dict[str, Any]  # "ir", "sites": once derived
    _texts: dict[str, str]  # the exported documents by format, once dumped

    def __init__(self, diagnostics: tuple[Diagnostic, ...], paths: dict[str, str],
                 make_ir: Callable[[], ProjectIR], make_sites: Callable[[], Sites],
                 count: int | None = None, texts: dict[str, str] | None = None) -> None:
        """`count`: how many sites, when known without decoding them; `texts`:
        the exported documents by format, when known."""
        init = object.__setattr__
        init(self, "diagnostics", diagnostics)
        init(self, "paths", paths)
        init(self, "_make_ir", make_ir)
        init(self, "_make_sites", make_sites)
        init(self, "_count", count)
        init(self, "_derived", {})
        init(self, "_texts", dict(texts or {}))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"an IndexResult is immutable: {name!r} cannot be set")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"an IndexResult is immutable: {name!r} cannot be deleted")

    @classmethod
    def lazy(cls, make_ir: Callable[[], ProjectIR], diagnostics: tuple[Diagnostic, ...],
             sites: tuple[FunctionSite, ...], registers: tuple[RegisterSite, ...],
             paths: dict[str, str]) -> IndexResult:
        """A fresh result whose IR `make_ir` assembles when first asked for."""
        return cls(diagnostics, paths, make_ir, lambda: (sites, registers), len(sites))

    @property
    def ir(self) -> ProjectIR:
        ir: ProjectIR | None = self._derived.get("ir")
        if ir is None:
            ir = self._derived["ir"] = self._make_ir()
        return ir

    def export(self, fmt: str = "kdl") -> str:
        """The IR as a KDL or JSON document (from the cache when unchanged)."""
        text = self._texts.get(fmt)
        if text is None:
            compact = self._texts.get(_COMPACT_JSON) if fmt == "json" else None
            if compact is not None:  # the cached IR: the same document, indented
                import json

                text = json.dumps(json.loads(compact), indent=2, ensure_ascii=False) + "\n"
            else:
                from mizan_core.ir import dumps_json, dumps_kdl

                text = dumps_kdl(self.ir) if fmt == "kdl" else dumps_json(self.ir)
            self._texts[fmt] = text
        return text

    @property
    def sites(self) -> tuple[FunctionSite, ...]:
        """One `FunctionSite` per `@client` function, registered or not."""
        return self._unpacked()[0]

    @property
    def registers(self) -> tuple[RegisterSite, ...]:
        return self._unpacked()[1]

    @property
    def function_count(self) -> int:
        """How many `@client` functions (`len(sites)`, without decoding them)."""
        return self._count if self._count is not None else len(self.sites)

    def _unpacked(self) -> Sites:
        sites: Sites | None = self._derived.get("sites")
        if sites is None:
            sites = self._derived["sites"] = self._make_sites()
        return sites

    # --- the result cache (extract._cache) ------------------------------------------

    def to_cache(self, key: bytes) -> dict[str, Any]:
        """The JSON document is kept compact unless it was already dumped: the
        indented one goes through the json module's pure-Python encoder (at
        5000 functions 1-3 s), the compact one through its C encoder, and a
        warm run reads the IR from either (only `export("json")` indents)."""
        text = self._texts.get("json")
        if text is None:
            import json

            from mizan_core.ir.json import ir_to_dict

            text = json.dumps(ir_to_dict(self.ir), ensure_ascii=False, separators=(",", ":"))
        return {"key": key, "kdl": self.export("kdl"), "json": text,
                "diagnostics": self.diagnostics, "paths": self.paths,
                "functions": self.function_count, "sites": self._unpacked()}

    @classmethod
    def from_cache(cls, data: dict[str, Any],
                   fallback: Callable[[], IndexResult] | None = None) -> IndexResult:
        """`fallback` computes the same result afresh; its sites stand in for
        cached ones this version cannot decode."""
        document: str = data["json"]
        # indented: as `export("json")` prints it; else compact (`to_cache`)
        texts = {"kdl": data["kdl"],
                 "json" if document.startswith("{\n") else _COMPACT_JSON: document}
        stored = data["sites"]  # a function that decodes them

        def make_ir() -> ProjectIR:
            from mizan_core.ir import loads_json

            return loads_json(document)

        def make_sites() -> Sites:
            sites = stored() if callable(stored) else stored
            if isinstance(sites, tuple) and len(sites) == 2:
                return cast("Sites", sites)
            return fallback()._unpacked() if fallback is not None else ((), ())

        count = data.get("functions")
        return cls(data["diagnostics"], data["paths"], make_ir, make_sites,
                   count if type(count) is int else None, texts)

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

    def affects_sites(self, path: Path | str | None = None) -> tuple[AffectsSite, ...]:
        shown = None if path is None else self._display_of(path)
        return tuple(a for s in self.sites if shown is None or s.file == shown for a in s.affects)
