"""mypy with the plugin on a project built to attack whoever checks it: the
plugin neither runs what a cache folder holds nor crashes mypy on what the
sources hold."""

from __future__ import annotations

from pathlib import Path

from tests.extract._hostile import hostile_cache

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
