"""After a warm start, the language server reads the cached facts in slices
(`ProjectIndex.preloading`) and answers an unchanged file without them
(`ProjectIndex.current`): an edit may come between two slices, and a
request for a file as it is on disk needs none."""

from __future__ import annotations

from pathlib import Path

from mizan_core.extract import ProjectIndex

MODULE = '''\
from mizan_django import client, register


@client(affects="ctx{c}", auth=True)
def f{i}(request, n: int) -> int:
    raise NotImplementedError


register(f{i}, "f{i}")
'''

CONTEXTS = '''\
from mizan_django import client, register


@client(context="ctx{c}")
def item{c}(request, n: int) -> int:
    raise NotImplementedError


register(item{c}, "item{c}")
'''


def _project(root: Path, modules: int) -> Path:
    (root / "app").mkdir(parents=True)
    (root / "app" / "__init__.py").write_text("")
    for c in range(3):
        (root / "app" / f"ctx{c}.py").write_text(CONTEXTS.format(c=c))
    for i in range(modules):
        (root / "app" / f"m{i:03}.py").write_text(MODULE.format(i=i, c=i % 3))
    return root


def test_an_edit_between_two_slices_sees_the_whole_project(tmp_path: Path) -> None:
    root = _project(tmp_path / "project", 160)
    cache = tmp_path / "cache"
    cold = ProjectIndex([root], cache_dir=cache, display_root=root).build()
    assert cold.diagnostics == ()

    index = ProjectIndex([root], cache_dir=cache, display_root=root)
    index.build()
    steps = index.preloading()
    next(steps)
    next(steps)  # some of the facts read, not all
    edited = root / "app" / "m007.py"
    result = index.update_file(edited, MODULE.format(i=7, c="9"))
    # The unknown target is told with the project's contexts, read by the
    # edit itself; the slices left have nothing to do and change nothing.
    assert [(d.code, d.file) for d in result.diagnostics] == [("mizan-affects", "app/m007.py")]
    assert result.diagnostics[0].message.endswith("Did you mean 'ctx2'?")
    assert list(steps) == []
    assert index.result is result
    assert index.parsed == 1


def test_a_file_as_the_index_holds_it_is_answered_without_reading_anything(tmp_path: Path) -> None:
    root = _project(tmp_path / "project", 20)
    cache = tmp_path / "cache"
    ProjectIndex([root], cache_dir=cache, display_root=root).build()

    index = ProjectIndex([root], cache_dir=cache, display_root=root)
    warm = index.build()
    path = root / "app" / "m003.py"
    text = path.read_text()
    assert index.current(path, text) is warm
    assert index.current(path, text + "\n# edited\n") is None
    assert index.current(root / "app" / "nowhere.py", text) is None
    edited = index.update_file(path, text + "\n# edited\n")
    assert index.current(path, text + "\n# edited\n") is edited
    assert index.current(path, text) is None
