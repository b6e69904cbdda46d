"""Files between Mizan's world and LSP's: `file:` URIs, the workspace root
the client names, and the paths diagnostics carry (relative to the
configuration root).

Kept apart from the protocol types (`_convert`): the server reads the
workspace root from the `initialize` request before it loads them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pygls.uris import from_fs_path, to_fs_path

__all__ = ["path_to_uri", "resolve_file", "uri_to_path", "workspace_root"]


def uri_to_path(uri: str) -> Path | None:
    """The resolved file path of a `file:` URI, None for other schemes."""
    fs = to_fs_path(uri)
    if fs is None or not uri.startswith("file:"):
        return None
    return Path(fs).resolve()


def path_to_uri(path: Path) -> str:
    uri: str | None = from_fs_path(str(path))  # pygls leaves it unannotated
    assert uri is not None  # absolute local paths always convert
    return uri


def resolve_file(root: Path, file: str) -> Path:
    """The absolute path of a diagnostic's `file` (relative to the config root)."""
    path = Path(file)
    return (path if path.is_absolute() else root / path).resolve()


def workspace_root(folder_uris: Iterable[str], root_uri: str | None,
                   root_path: str | None) -> Path:
    """The folder the server works in: the first workspace folder, else the
    (deprecated) root URI or root path, else the current directory."""
    uris = list(folder_uris)
    if root_uri:
        uris.append(root_uri)
    for uri in uris:
        path = uri_to_path(uri)
        if path is not None:
            return path
    if root_path:
        return Path(root_path).resolve()
    return Path.cwd()
