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
Every problem is a `ConfigError` naming the file and the line
(`path:line: message`); the CLI turns it into exit code 2.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

__all__ = ["ConfigError", "DjangoSource", "ProjectConfig", "find_config", "load_config",
           "require_static_roots"]

KNOWN_TARGETS = ("react", "react-query", "vue", "svelte")
_CACHE_FOLDER = ".mizan_cache"
_TOP_KEYS = {"output", "targets", "source", "cache_dir", "debounce_ms", "regenerate_on_save"}
# The keys each table may hold: any other is a typo the user must hear about,
# never a setting silently ignored. `[lsp]` takes the language server's keys
# in either spelling its editors use (docs/editors.md).
_TABLE_KEYS = {
    "source": {"static", "django"},
    "source.static": {"paths"},
    "source.django": {"manage_path", "command", "env"},
    "lsp": {"debounce_ms", "debounceMs", "regenerate_on_save", "regenerateOnSave", "trace",
            "frontend_roots", "frontendRoots"},
}


# Patterns, not compiled objects: they only serve error messages, and every
# process that reads a configuration (each mypy run) would compile them.
_TOML_POSITION = r"\(at line (\d+), column \d+\)"
_TABLE_HEADER = r"\s*\[\s*([^\[\]]+?)\s*\]"
_KEY_LINE = r"\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*="


def _line_of(text: str, table: str, key: str | None = None) -> int:
    """The 1-based line of `key` in `[table]` (or of the table's header), else 1.

    `table` is dotted (`""` for the top level, `"source.django"`); a dotted
    key written inline (`source.django.manage_path = ...`) is not searched.
    """
    current = ""
    header_line = 0
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(_TABLE_HEADER, line)
        if header and not line.lstrip().startswith("[["):
            current = ".".join(part.strip().strip('"') for part in header.group(1).split("."))
            if current == table and header_line == 0:
                header_line = number
            continue
        found = re.match(_KEY_LINE, line)
        if key is not None and current == table and found and found.group(1).strip('"') == key:
            return number
    if key is not None:  # a table of that name: `[tool.mizan]` written inside a mizan.toml
        named = f"{table}.{key}" if table else key
        for number, line in enumerate(text.splitlines(), start=1):
            header = re.match(_TABLE_HEADER, line)
            if header and ".".join(part.strip().strip('"') for part in header.group(1).split(".")) \
                    .startswith((named + ".", named)):
                return number
    return header_line or 1


class ConfigError(Exception):
    """Bad configuration; the message names the file and the line (`path:line: ...`)."""


# Named tuples, not dataclasses: every mypy run reads the configuration (the
# plugin), and making a dataclass costs that run about ten times more than
# making a named tuple. The dicts are never changed once read.
class DjangoSource(NamedTuple):
    manage_path: Path
    command: tuple[str, ...] = ("python",)
    env: dict[str, str] = {}  # noqa: RUF012


class ProjectConfig(NamedTuple):
    """What the static tools read from `[tool.mizan]` / `mizan.toml` (not the
    Django settings the runtime reads)."""

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
    extra: dict[str, Any] = {}  # keys for other tools (lsp settings)  # noqa: RUF012
    paths_overridden: bool = False  # static_paths came from the command line

    @property
    def cache_folder(self) -> Path:
        """Where the static tools keep their cache: `cache_dir` when configured,
        else `.mizan_cache` beside the configuration file, or in the first source
        root when there is none; never in whatever folder the tool was started
        from (a shared `/tmp` would share it)."""
        if self.cache_dir is not None:
            return self.cache_dir
        if self.file is not None or not self.static_paths:
            return self.root / _CACHE_FOLDER
        return self.static_paths[0] / _CACHE_FOLDER


def require_static_roots(config: ProjectConfig) -> None:
    """Refuse source roots that are not folders, naming where they were set:
    the configuration's `paths` line, or the command line (no file)."""
    for root in config.static_paths:
        if root.is_dir():
            continue
        if config.file is None or config.paths_overridden:
            raise ConfigError(f"{root}: source root is not a folder")
        prefix = "tool.mizan." if config.file.name == "pyproject.toml" else ""
        # Without [source.static] the root is the folder of [source.django]'s manage.py.
        table, key = ("source.django", "manage_path") if config.uses_django \
            else ("source.static", "paths")
        line = _line_of(config.file.read_text(encoding="utf-8"), prefix + table, key)
        raise ConfigError(f"{config.file}:{line}: [{table}] {key}: {root} is not a folder")


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


def _str_list(value: Any, where: str, fail: Any, table: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        fail(f"{where} must be a list of strings", table, key)
    return tuple(value)


def load_config(path: Path | None = None, cwd: Path | None = None,
                override_paths: Sequence[str | Path] = ()) -> ProjectConfig:
    """Read the configuration at `path` (or found from `cwd`); PATHs given on the
    command line (`override_paths`) replace the configured source roots."""
    cwd = (cwd or Path.cwd()).resolve()
    if path is None:
        path = find_config(cwd)
    overrides = tuple(Path(p).resolve() for p in override_paths)
    if path is None:
        return ProjectConfig(root=cwd, output=cwd / "src" / "api", static_paths=overrides or (cwd,))
    path = Path(path).resolve()
    try:
        text = path.read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except tomllib.TOMLDecodeError as exc:
        position = re.search(_TOML_POSITION, str(exc))
        line = int(position.group(1)) if position else max(1, len(text.splitlines()))
        raise ConfigError(f"{path}:{line}: invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    if path.name == "pyproject.toml":
        data = raw.get("tool", {}).get("mizan", {})
        where, prefix = "[tool.mizan]", "tool.mizan"
    else:
        data, where, prefix = raw, "mizan.toml", ""

    def fail(message: str, table: str = "", key: str | None = None) -> NoReturn:
        full = ".".join(part for part in (prefix, table) if part)
        raise ConfigError(f"{path}:{_line_of(text, full, key)}: {message}")

    if not isinstance(data, dict):
        fail(f"{where} must be a table")
    unknown = set(data) - _TOP_KEYS - {"lsp"}
    if unknown:
        fail(f"unknown key(s) in {where}: {', '.join(sorted(unknown))}", "", min(unknown))
    for table, known in _TABLE_KEYS.items():
        value: Any = data
        for part in table.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, dict) and set(value) - known:
            typos = sorted(set(value) - known)
            name = ".".join(part for part in (prefix, table) if part)
            fail(f"unknown key(s) in [{name}]: {', '.join(typos)}; known: {', '.join(sorted(known))}",
                 table, typos[0])
    root = path.parent

    output = data.get("output", "src/api")
    if not isinstance(output, str) or not output:
        fail("'output' must be a non-empty string", "", "output")
    targets = _str_list(data.get("targets", ["react"]), "'targets'", fail, "", "targets")
    if not targets:
        fail(f"'targets' must name at least one of: {', '.join(KNOWN_TARGETS)}", "", "targets")
    bad = [t for t in targets if t not in KNOWN_TARGETS]
    if bad:
        fail(f"unknown target(s) {', '.join(bad)}; known: {', '.join(KNOWN_TARGETS)}", "", "targets")

    source = data.get("source", {})
    if not isinstance(source, dict):
        fail("'source' must be a table", "", "source")
    static = source.get("static")
    django = source.get("django")
    static_paths: tuple[Path, ...] = ()
    if static is not None:
        if not isinstance(static, dict):
            fail("[source.static] must be a table", "source", "static")
        static_paths = tuple((root / p).resolve()
                             for p in _str_list(static.get("paths", ["."]), "[source.static] paths",
                                                fail, "source.static", "paths"))
    django_source = None
    if django is not None:
        if not isinstance(django, dict) or not isinstance(django.get("manage_path"), str):
            fail("[source.django] needs manage_path = \"path/to/manage.py\"", "source.django",
                 "manage_path")
        env = django.get("env", {})
        if not isinstance(env, dict) or not all(isinstance(v, str) for v in env.values()):
            bad_env = next((k for k, v in env.items() if not isinstance(v, str)), None) \
                if isinstance(env, dict) else None
            fail("[source.django.env] values must be strings", "source.django.env", bad_env)
        django_source = DjangoSource(
            manage_path=(root / django["manage_path"]).resolve(),
            command=_str_list(django.get("command", ["python"]), "[source.django] command",
                              fail, "source.django", "command"),
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
    return ProjectConfig(
        root=root,
        file=path,
        output=(root / output).resolve(),
        targets=targets,
        static_paths=static_paths,
        django=django_source,
        cache_dir=(root / cache_dir).resolve() if isinstance(cache_dir, str) else None,
        uses_django=django_source is not None and static is None and not overrides,
        extra=extra,
        paths_overridden=bool(overrides),
    )
