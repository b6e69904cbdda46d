"""Putting rendered files on disk, and comparing them with what is there.

- a file whose bytes did not change is not rewritten (its mtime stays, so
  bundlers and `tsc --watch` do not rebuild);
- a file Mizan generated before (first line starts with the generated-file
  marker), at any depth, that this run does not produce is deleted, and a
  folder that leaves empty goes too; anything else in the folder is left
  alone;
- writes go through a temporary file and `os.replace`, so a reader never
  sees half a file.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ._ts import MARKER

__all__ = ["FileChange", "WriteResult", "diff_output", "write_output"]


@dataclass(frozen=True)
class FileChange:
    """A file whose content on disk differs from the generated one."""

    name: str  # relative to the output folder
    status: str  # "changed" | "missing" | "stale" (generated earlier, no longer produced)
    diff: str  # a short unified diff (at most `max_lines` lines)


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, UnicodeDecodeError):
        return None


def _generated_leftovers(out_dir: Path, keep: set[str]) -> list[str]:
    """Files under `out_dir` (any depth) Mizan generated that are not in `keep`, as relative names."""
    if not out_dir.is_dir():
        return []
    leftovers = []
    for folder, dirs, names in os.walk(out_dir):
        dirs.sort()
        for file in sorted(names):
            path = Path(folder) / file
            name = path.relative_to(out_dir).as_posix()
            if name in keep or path.suffix not in (".ts", ".tsx"):
                continue
            try:
                with path.open(encoding="utf-8") as fh:
                    first = fh.readline()
            except (OSError, UnicodeDecodeError):
                continue
            if first.startswith(MARKER):
                leftovers.append(name)
    return leftovers


def write_output(files: dict[str, str], out_dir: Path) -> WriteResult:
    """Make `out_dir` hold exactly `files` (plus anything Mizan did not generate)."""
    result = WriteResult()
    out_dir.mkdir(parents=True, exist_ok=True)
    folders = {out_dir}
    for name, text in files.items():
        path = out_dir / name
        if _read(path) == text:
            result.unchanged.append(name)
            continue
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        tmp = path.with_name(f".{path.name}.mizan-tmp")
        tmp.write_bytes(text.encode("utf-8"))
        os.replace(tmp, path)
        result.written.append(name)
    for name in _generated_leftovers(out_dir, set(files)):
        path = out_dir / name
        path.unlink()
        result.deleted.append(name)
        # A module folder whose files are all gone goes too (never one holding anything else).
        folder = path.parent
        while folder != out_dir and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return result


def _short_diff(old: str, new: str, name: str, max_lines: int) -> str:
    lines = list(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                      f"{name} (on disk)", f"{name} (generated)", n=1))
    if len(lines) > max_lines:
        lines = lines[:max_lines] + [f"... ({len(lines) - max_lines} more diff lines)\n"]
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def diff_output(files: dict[str, str], out_dir: Path, max_lines: int = 20) -> list[FileChange]:
    """What `write_output(files, out_dir)` would change, without writing anything."""
    changes = []
    for name, text in files.items():
        current = _read(out_dir / name)
        if current is None:
            changes.append(FileChange(name, "missing", ""))
        elif current != text:
            changes.append(FileChange(name, "changed", _short_diff(current, text, name, max_lines)))
    for name in _generated_leftovers(out_dir, set(files)):
        changes.append(FileChange(name, "stale", ""))
    return changes
