"""The source files under the roots with their digests, read only when `stat`
says they may have changed.

A warm run must learn that nothing changed without reading every file of a
big tree. The stat table (`files-v<N>.cache` in the cache folder) records per
file what `stat` said when it was read (inode, size, modification and change
times in nanoseconds) and the digest of what was read; a file whose `stat`
still says the same is taken to hold the same bytes, as git, mypy and ruff
do, and any other is read and hashed again. A file whose times are within
`_RACY_NS` of the scan is not recorded: on a coarse clock a second write in
the same tick keeps the times of the first, so a digest is trusted only once
the file's times are safely in the past.

The table is plain text (one line per file) in a tagged cache file
(`storage`): a table someone else wrote is never read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from time import time_ns

from ._files import FACTS_VERSION, SourceFile, digest, project_key, read_source, scan_entries
from .storage import Codec, read_sections, write_sections

__all__ = ["FileTable", "fingerprint"]

_RACY_NS = 2_000_000_000
_CODEC = Codec(f"files-v{FACTS_VERSION}", [])


class FileTable:
    """The stat table of one cache folder (None: no table, every file is read)."""

    def __init__(self, folder: Path | None) -> None:
        self._file = folder / f"files-v{FACTS_VERSION}.cache" if folder is not None else None
        self._known: dict[str, tuple[str, bytes]] | None = None  # path -> (stat, digest)
        self._seen: dict[str, tuple[str, bytes]] = {}  # what the last read would record
        self._changed = False

    def read(self, roots: Sequence[Path],
             progress: Callable[[int, int], None] | None = None) -> list[SourceFile]:
        """Every importable file under the roots (the first root that has a
        module wins, as on sys.path), with its digest; `data` holds the bytes
        of the files that had to be read. `progress(done, total)`: how many
        of the files found are stat'ed (and read, when changed), about once
        per percent."""
        known = self._load()
        seen: dict[str, tuple[str, bytes]] = {}
        modules: set[str] = set()
        files: list[SourceFile] = []
        settled = time_ns() - _RACY_NS
        # Listing the folders first is cheap (no `stat`, no read) and gives
        # the total that progress is counted against.
        entries = list(scan_entries(roots))
        step = max(1, len(entries) // 100)
        for done, (path, module, is_package, entry) in enumerate(entries):
            if progress is not None and done % step == 0:
                progress(done, len(entries))
            if module in modules:
                continue
            modules.add(module)
            try:
                st = entry.stat()
            except OSError:
                st = None
            stamp = f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}" \
                if st is not None else ""
            row = known.get(path)
            if row is not None and stamp and row[0] == stamp:
                files.append(SourceFile(path, module, is_package, row[1]))
                seen[path] = row
                continue
            data = read_source(path) or b""
            source = SourceFile(path, module, is_package, digest(data), data)
            files.append(source)
            if st is not None and max(st.st_mtime_ns, st.st_ctime_ns) < settled \
                    and "\n" not in path:
                seen[path] = (stamp, source.digest)
        if progress is not None:
            progress(len(entries), len(entries))
        self._changed = seen != known
        self._seen = seen
        return files

    def save(self) -> None:
        """Write what the last `read` found, if it differs from the table read."""
        if self._file is None or not self._changed:
            return
        text = "".join(f"{stamp}\t{found.hex()}\t{path}\n"
                       for path, (stamp, found) in self._seen.items())
        write_sections(self._file, _CODEC, [text.encode("utf-8", "surrogateescape")])
        self._known, self._changed = dict(self._seen), False

    def _load(self) -> dict[str, tuple[str, bytes]]:
        if self._known is None:
            self._known = {}
            sections = read_sections(self._file, _CODEC) if self._file is not None else None
            if sections is not None and len(sections) == 1:
                for line in sections[0].decode("utf-8", "surrogateescape").split("\n"):
                    stamp, _, rest = line.partition("\t")
                    hexdigest, _, path = rest.partition("\t")
                    if path and len(hexdigest) == 32:
                        try:
                            self._known[path] = (stamp, bytes.fromhex(hexdigest))
                        except ValueError:
                            continue
        return self._known


def fingerprint(roots: Sequence[Path], display_root: Path,
                cache_dir: Path | None = None) -> bytes:
    """`project_key` of the tree on disk, as `ProjectIndex.build()` would see
    it, for a caller that keeps something derived from a build (the mypy
    plugin's facts) and must know whether it still holds. Parses nothing;
    with `cache_dir`, reads only the files whose `stat` changed since the
    last build or fingerprint with that folder."""
    resolved = [Path(r).resolve() for r in roots]
    table = FileTable(cache_dir)
    files = table.read(resolved)
    table.save()
    return project_key(display_root.resolve(), resolved, files)
