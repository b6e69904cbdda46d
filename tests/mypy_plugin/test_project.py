"""`load_facts`: what the plugin knows of the whole project, from the static index."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mizan_core.config import load_config
from mizan_core.extract import ProjectIndex
from mizan_mypy._project import cached_facts, load_facts

ROOT = Path(__file__).resolve().parents[2]
SHOP = ROOT / "examples" / "shop"


def test_the_names_an_affects_target_can_take_are_the_ir_s(tmp_path: Path) -> None:
    config = load_config(None, cwd=SHOP)
    result = ProjectIndex(list(config.static_paths), display_root=config.root).build()

    # Cold (no index cache), then warm (the facts come from the cached result).
    for _ in range(2):
        facts = load_facts(config, tmp_path / "index")
        assert facts.error is None
        assert facts.context_names == {c.name for c in result.ir.contexts}
        assert facts.function_names == {f.name for f in result.ir.functions}
        assert "cart" in facts.context_names and len(facts.function_names) > 5



def test_the_facts_are_read_back_only_while_no_file_changed(tmp_path: Path) -> None:
    project = tmp_path / "shop"
    shutil.copytree(SHOP, project, ignore=shutil.ignore_patterns("__pycache__"))
    config = load_config(None, cwd=project)
    cache = tmp_path / "mypy_cache" / "mizan"
    assert cached_facts(config, cache) is None  # nothing built yet

    built = load_facts(config, cache)
    assert cached_facts(config, cache) == built

    clients = project / "shop" / "clients.py"
    clients.write_text(clients.read_text() + "\n# an edit\n")
    assert cached_facts(config, cache) is None

    load_facts(config, cache)
    (project / "shop" / "new_module.py").write_text("X = 1\n")
    assert cached_facts(config, cache) is None


def test_a_tree_that_never_names_mizan_is_known_without_the_index(tmp_path: Path) -> None:
    """The facts of a project without Mizan come from a byte scan, equal to
    what the index would say, and the plugin starts no helper process."""
    from mypy.options import Options

    from mizan_mypy._plugin import MizanPlugin
    from mizan_mypy._project import quiet_facts

    project = tmp_path / "plain"
    (project / "blog").mkdir(parents=True)
    (project / "mizan.toml").write_text('[source.static]\npaths = ["."]\n')
    (project / "blog" / "__init__.py").write_text("")
    (project / "blog" / "views.py").write_text(
        "from django.contrib import admin\n\n\n@admin.register\nclass A:\n"
        "    def test(self):\n        self.client.get('/')\n")
    config = load_config(None, cwd=project)
    quiet = quiet_facts(config)
    assert quiet is not None and quiet.quiet
    assert quiet == load_facts(config, None)

    options = Options()
    options.config_file = str(project / "mizan.toml")
    options.cache_dir = str(tmp_path / "mypy_cache")
    plugin = MizanPlugin(options)
    assert plugin._prefetch is None and plugin.facts() == quiet
    # Kept as built facts are: the next run tells from `stat` that they hold.
    assert cached_facts(config, tmp_path / "mypy_cache" / "mizan") == quiet

    (project / "blog" / "api.py").write_text(
        "from mizan_django import client, register\n\n\n@client\ndef ping(request) -> str:\n"
        "    return 'pong'\n\n\nregister(ping, 'ping')\n")
    assert quiet_facts(config) is None
    assert not load_facts(config, None).quiet


def test_a_module_s_facts_are_found_by_every_path_that_names_it(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """mypy names a module by the path it was given: relative, through a
    linked folder, a linked file, or with `..`. The plugin finds the same
    facts (and so the same cache key) for each spelling, and none for a file
    outside the roots."""
    from mizan_mypy._project import under

    project = tmp_path / "shop"
    shutil.copytree(SHOP, project, ignore=shutil.ignore_patterns("__pycache__"))
    config = load_config(None, cwd=project)
    facts = load_facts(config, None)
    clients = project / "shop" / "clients.py"
    (tmp_path / "linked").symlink_to(project)
    (tmp_path / "clients_link.py").symlink_to(clients)
    (tmp_path / "elsewhere.py").write_text("X = 1\n")
    monkeypatch.chdir(project)
    spellings = ["shop/clients.py", str(clients), str(tmp_path / "linked" / "shop" / "clients.py"),
                 str(tmp_path / "clients_link.py"), "shop/../shop/clients.py",
                 str(tmp_path / "linked" / "shop" / ".." / "shop" / "clients.py")]
    assert facts.cache_key(str(clients), True) is not None
    for spelling in spellings:
        assert facts.knows(spelling), spelling
        assert under(spelling, config.static_paths), spelling
        assert facts.cache_key(spelling, True) == facts.cache_key(str(clients), True)
    assert not facts.knows(str(tmp_path / "elsewhere.py"))
    assert not under(str(tmp_path / "elsewhere.py"), config.static_paths)
    assert facts.cache_key(str(tmp_path / "elsewhere.py"), True) is None
