"""The server's own settings, from three places (later wins):

1. `[tool.mizan]` top-level keys `debounce_ms`, `regenerate_on_save`;
2. the `[tool.mizan.lsp]` table (`[lsp]` in a mizan.toml: `debounce_ms`, `regenerate_on_save`, `trace`,
   `frontend_roots`);
3. the client's `initializationOptions` (camelCase or snake_case keys:
   `debounceMs`, `regenerateOnSave`, `trace`, `frontendRoots`).

A wrong value is reported (the message names where it came from) and the
default kept: a typo in an editor config must not stop the server.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

__all__ = ["DEFAULT_DEBOUNCE_MS", "Settings", "merge_settings"]

DEFAULT_DEBOUNCE_MS = 300

_KEYS = {
    "debounce_ms": "debounce_ms", "debounceMs": "debounce_ms",
    "regenerate_on_save": "regenerate_on_save", "regenerateOnSave": "regenerate_on_save",
    "trace": "trace",
    "frontend_roots": "frontend_roots", "frontendRoots": "frontend_roots",
}


@dataclass(frozen=True)
class Settings:
    debounce_ms: int = DEFAULT_DEBOUNCE_MS
    regenerate_on_save: bool = False
    # Log each computed request and analysis (window/logMessage): for
    # "why is it slow / stale" questions, and how tests see what ran.
    trace: bool = False
    # Folders (relative to the config root) holding the frontend's own
    # TypeScript: read for go-to-definition into Python, references and the
    # "no use in the frontend" hint.
    frontend_roots: tuple[str, ...] = ()


def _apply(settings: Settings, values: Mapping[str, Any], where: str,
           problems: list[str]) -> Settings:
    changes: dict[str, Any] = {}
    for key, value in values.items():
        name = _KEYS.get(key)
        if name is None:
            continue
        if name == "debounce_ms":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                problems.append(f"{where}: {key} must be a non-negative integer (milliseconds)")
                continue
        elif name == "frontend_roots":
            if not isinstance(value, (list, tuple)) or not all(
                    isinstance(v, str) and v for v in value):
                problems.append(f"{where}: {key} must be a list of folder paths")
                continue
            value = tuple(value)
        elif not isinstance(value, bool):
            problems.append(f"{where}: {key} must be true or false")
            continue
        changes[name] = value
    return replace(settings, **changes)


def merge_settings(config_extra: Mapping[str, Any], init_options: Any, *,
                   file_name: str = "pyproject.toml") -> tuple[Settings, list[str]]:
    """Settings from the config's extra keys and the client's options, plus the
    problems found (each one sentence for the user, naming the table as the
    file `file_name` spells it)."""
    problems: list[str] = []
    top, lsp = ("[tool.mizan]", "[tool.mizan.lsp]") if file_name == "pyproject.toml" \
        else (file_name, f"{file_name} [lsp]")
    settings = _apply(Settings(), {k: v for k, v in config_extra.items() if k != "lsp"},
                      top, problems)
    lsp_table = config_extra.get("lsp", {})
    if isinstance(lsp_table, Mapping):
        settings = _apply(settings, lsp_table, lsp, problems)
    else:
        problems.append(f"{top}: lsp must be a table")
    if isinstance(init_options, Mapping):
        settings = _apply(settings, init_options, "initializationOptions", problems)
    return settings, problems
