"""mypy with the plugin on a project built to attack whoever checks it: the
plugin neither runs what a cache folder holds nor crashes mypy on what the
sources hold."""

from __future__ import annotations

import re
from pathlib import Path

from tests.extract._hostile import HOSTILE_SOURCES, hostile_cache

from .test_incremental import AFFECTS_ERROR, CONTEXTS, _mypy, _project


def test_a_pickle_in_the_plugin_and_index_caches_is_never_run(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "shop" / "contexts.py").write_text(CONTEXTS.format(name="basket"))
    marker = tmp_path / "payload-ran"
    hostile_cache(project / ".mypy_cache" / "mizan", marker)
    hostile_cache(project / ".mizan_cache", marker)
    for _ in range(2):  # cold (the plugin builds), then warm (it reads its facts back)
        out, _log = _mypy(project)
        assert not marker.exists()
        assert AFFECTS_ERROR.search(out) and out.count("error:") == 1, out


def test_a_file_that_crashed_the_parser_neither_kills_mypy_nor_hides_the_rest(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "shop" / "contexts.py").write_text(CONTEXTS.format(name="basket"))
    # Python reads it; libcst's parser would take the whole process down. Not
    # even asked for: mypy checks only `shop/mutations.py`'s package.
    (project / "deep").mkdir()
    (project / "deep" / "__init__.py").write_text(HOSTILE_SOURCES["brackets"])
    out, _log = _mypy(project)
    assert AFFECTS_ERROR.search(out), out
    # A file of the checked package that Python parses but Mizan refuses:
    # reported with the catalogue's code where a Mizan call sits.
    chain = " + ".join(["1"] * 300)
    (project / "shop" / "chain.py").write_text(
        f"from mizan_core import client, register\n\nX = {chain}\n\n\n"
        "@client\ndef f(request: object) -> int:\n    return 1\n\n\nregister(f, 'f')\n")
    out, _log = _mypy(project)
    assert re.search(r"^shop/chain\.py:3:\d+: error: syntax error: too deeply nested .*\[mizan-syntax\]$", out,
                     re.MULTILINE), out
    assert AFFECTS_ERROR.search(out), out


def test_a_forged_mark_of_a_tree_without_mizan_hides_no_finding(tmp_path: Path) -> None:
    """The mark that says the tree had no Mizan code holds no data and is not
    tagged: put into a project that has Mizan code, it only defers the
    plugin's look at the tree to the first hook, which reports as usual."""
    from mizan_mypy._quiet import is_marked, set_mark

    project = _project(tmp_path)
    (project / "shop" / "contexts.py").write_text(CONTEXTS.format(name="basket"))
    folder = project / ".mypy_cache" / "mizan"
    folder.mkdir(parents=True)
    roots = (project.resolve(),)
    set_mark(folder, roots, True)
    assert is_marked(folder, roots)  # what the plugin reads: the mark holds for these roots
    for _ in range(2):  # cold (mypy checks every module), then warm
        out, _log = _mypy(project)
        assert AFFECTS_ERROR.search(out) and out.count("error:") == 1, out
    assert not is_marked(folder, roots)
