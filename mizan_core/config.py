"""Project configuration: `[tool.mizan]` in pyproject.toml, or `mizan.toml`.

`mizan.toml` is the original system's format and keeps working unchanged::

    output = "src/api"
    targets = ["react"]
    [source.static]
    paths = ["../backend"]
    [source.django]
    manage_path = "../backend/manage.py"
    command = ["uv", "run", "python"]
    [source.django.env]
    DJANGO_SETTINGS_MODULE = "myproject.settings"

Relative paths are relative to the file that names them. Without any file,
the defaults apply with the current directory as the only source root.
Every problem is a `ConfigError` naming the file (and the line when TOML
itself complains); the CLI turns it into exit code 2.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["ConfigError", "DjangoSource", "MizanConfig", "find_config", "load_config"]

KNOWN_TARGETS = ("react",)
_TOP_KEYS = {"output", "targets", "source", "cache_dir", "debounce_ms", "regenerate_on_save"}


class ConfigError(Exception):
    """Bad configuration; the message names the file and, when known, the line."""


@dataclass(frozen=True)
class DjangoSource:
    manage_path: Path
    command: tuple[str, ...] = ("python",)
    env: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MizanConfig:
    root: Path  # the folder of the configuration file (or the cwd)
    file: Path | None = None
    output: Path = Path("src/api")
    targets: tuple[str, ...] = ("react",)
    static_paths: tuple[Path, ...] = ()
    django: DjangoSource | None = None
    cache_dir: Path | None = None
    # `[source.django]` without `[source.static]` (the original format) means:
    # ask Django; with both, static reading stays the default.
    uses_django: bool = False
    extra: dict[str, Any] = field(default_factory=dict)  # keys for other tools (lsp settings)


def find_config(start: Path) -> Path | None:
    """The nearest `mizan.toml`, or `pyproject.toml` with `[tool.mizan]`, at or above `start`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "mizan.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
                continue
            if isinstance(data.get("tool"), dict) and "mizan" in data["tool"]:
                return pyproject
    return None


def _str_list(value: Any, where: str, file: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{file}: {where} must be a list of strings")
    return tuple(value)


def load_config(path: Path | None = None, cwd: Path | None = None,
                override_paths: Sequence[str | Path] = ()) -> MizanConfig:
    """Read the configuration at `path` (or found from `cwd`); PATHs given on the
    command line (`override_paths`) replace the configured source roots."""
    cwd = (cwd or Path.cwd()).resolve()
    if path is None:
        path = find_config(cwd)
    overrides = tuple(Path(p).resolve() for p in override_paths)
    if path is None:
        return MizanConfig(root=cwd, static_paths=overrides or (cwd,))
    path = Path(path).resolve()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    if path.name == "pyproject.toml":
        data = raw.get("tool", {}).get("mizan", {})
        where = "[tool.mizan]"
    else:
        data, where = raw, "mizan.toml"
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: {where} must be a table")
    unknown = set(data) - _TOP_KEYS - {"lsp"}
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) in {where}: {', '.join(sorted(unknown))}")
    root = path.parent

    output = data.get("output", "src/api")
    if not isinstance(output, str) or not output:
        raise ConfigError(f"{path}: 'output' must be a non-empty string")
    targets = _str_list(data.get("targets", ["react"]), "'targets'", path)
    bad = [t for t in targets if t not in KNOWN_TARGETS]
    if bad:
        raise ConfigError(f"{path}: unknown target(s) {', '.join(bad)}; known: {', '.join(KNOWN_TARGETS)}")

    source = data.get("source", {})
    if not isinstance(source, dict):
        raise ConfigError(f"{path}: 'source' must be a table")
    static = source.get("static")
    django = source.get("django")
    static_paths: tuple[Path, ...] = ()
    if static is not None:
        if not isinstance(static, dict):
            raise ConfigError(f"{path}: [source.static] must be a table")
        static_paths = tuple((root / p).resolve()
                             for p in _str_list(static.get("paths", ["."]), "[source.static] paths", path))
    django_source = None
    if django is not None:
        if not isinstance(django, dict) or not isinstance(django.get("manage_path"), str):
            raise ConfigError(f"{path}: [source.django] needs manage_path = \"path/to/manage.py\"")
        env = django.get("env", {})
        if not isinstance(env, dict) or not all(isinstance(v, str) for v in env.values()):
            raise ConfigError(f"{path}: [source.django.env] values must be strings")
        django_source = DjangoSource(
            manage_path=(root / django["manage_path"]).resolve(),
            command=_str_list(django.get("command", ["python"]), "[source.django] command", path),
            env=dict(env),
        )
        if not static_paths:
            # The original format names only manage.py; its folder is the static root.
            static_paths = (django_source.manage_path.parent,)
    if overrides:
        static_paths = overrides
    if not static_paths:
        static_paths = (root,)
    cache_dir = data.get("cache_dir")
    extra = {k: v for k, v in data.items() if k in ("lsp", "debounce_ms", "regenerate_on_save")}
    return MizanConfig(
        root=root,
        file=path,
        output=(root / output).resolve(),
        targets=targets,
        static_paths=static_paths,
        django=django_source,
        cache_dir=(root / cache_dir).resolve() if isinstance(cache_dir, str) else None,
        uses_django=django_source is not None and static is None and not overrides,
        extra=extra,
    )
