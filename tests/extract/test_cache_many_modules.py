"""A project of thousands of modules reads its facts back from the cache:
the facts file has one section per module, all named in its first line."""

from __future__ import annotations

from pathlib import Path

from mizan_core.extract import ProjectIndex
from mizan_core.extract._cache import CODEC
from mizan_core.extract.storage import read_sections, write_sections

MODULE = '''\
from mizan_django import client


@client
def f{i}(request, n: int) -> int:
    return n
'''


def test_a_file_of_thousands_of_sections_reads_back(tmp_path: Path) -> None:
    sections = [CODEC.dumps([i, "x" * (i % 7)]) for i in range(3000)]
    write_sections(tmp_path / "many.cache", CODEC, sections)
    assert read_sections(tmp_path / "many.cache", CODEC) == sections


def test_a_warm_index_of_1200_modules_parses_none_of_them(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "app").mkdir(parents=True)
    (root / "app" / "__init__.py").write_text("")
    for i in range(1200):
        (root / "app" / f"m{i:04}.py").write_text(MODULE.format(i=i))
    cache = tmp_path / "cache"
    cold = ProjectIndex([root], cache_dir=cache, display_root=root)
    functions = len(cold.build().sites)
    assert functions == 1200

    warm = ProjectIndex([root], cache_dir=cache, display_root=root)
    warm.build()
    warm.preload()  # every module's facts, as the first edit needs them
    assert warm.parsed == 0
    edited = warm.update_file(root / "app" / "m0001.py", MODULE.format(i=1) + "\n# edit\n")
    assert len(edited.sites) == functions and warm.parsed == 1
