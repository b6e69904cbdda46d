"""The caches of the static tools are data: a cache that came with a project
(a cloned repository, an archive, a checked-out pull request) is never
executed and never trusted, and the results stay right.

A crafted pickle that writes a file when unpickled is put at every name a
cache reader could look for, under the project's cache folder; `mizan check`
and `mizan ir` run for real (subprocesses) and must neither run it nor be
misled by it. The language server and the mypy plugin get the same test in
their own suites.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from mizan_core.extract import ProjectIndex
from mizan_core.extract._cache import CODEC, FactsCache
from mizan_core.extract._files import FACTS_VERSION, digest
from mizan_core.extract.storage import read_sections, write_sections

from ._golden import PROJECTS, ROOT
from ._hostile import hostile_cache

PYPROJECT = """\
[tool.mizan.source.static]
paths = ["src"]
"""
CLIENTS = """\
from mizan_django import client, register


@client(context="cart")
def cart(request, cart_id: int) -> int:
    return cart_id


@client(affects="carts")
def add_item(request, cart_id: int) -> int:
    return cart_id


register(cart, "cart")
register(add_item, "add_item")
"""


def mizan(*argv: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mizan_core.cli", *argv], cwd=cwd,
                          capture_output=True, text=True, timeout=300, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


def write_project(root: Path) -> Path:
    (root / "src" / "shop").mkdir(parents=True)
    (root / "pyproject.toml").write_text(PYPROJECT)
    (root / "src" / "shop" / "__init__.py").write_text("")
    (root / "src" / "shop" / "clients.py").write_text(CLIENTS)
    return root


def test_a_pickle_in_the_cache_folder_is_never_run_by_check_or_ir(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project")
    marker = tmp_path / "payload-ran"
    expected = mizan("check", "--no-cache", "--format", "json", cwd=project)
    assert expected.returncode == 1 and '"mizan-affects"' in expected.stdout
    hostile_cache(project / ".mizan_cache", marker)
    for _ in range(2):  # the first run rebuilds (and replaces the files), the second reads
        done = mizan("check", "--format", "json", cwd=project)
        assert not marker.exists()
        assert (done.returncode, json.loads(done.stdout)) == (1, json.loads(expected.stdout))
        assert "Traceback" not in done.stderr
        ir = mizan("ir", "--format", "json", cwd=project)
        assert not marker.exists()
        assert '"name": "add_item"' in ir.stdout and "Traceback" not in ir.stderr


def test_a_cache_written_with_another_users_key_is_not_trusted(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project")
    attacker, victim = tmp_path / "attacker-home", tmp_path / "victim-home"
    assert mizan("check", cwd=project, env={"XDG_CACHE_HOME": str(attacker)}).returncode == 1
    # The attacker edits their own valid cache to say "no problems" and signs
    # it with their key (what a repository could ship).
    forged = [section.replace(b'"mizan-affects"', b'"mizan-unregistered"')
              for section in _sections_with_key(project / ".mizan_cache", attacker)]
    _write_with_key(project / ".mizan_cache", attacker, forged)
    fooled = mizan("check", "--format", "json", cwd=project, env={"XDG_CACHE_HOME": str(attacker)})
    assert '"mizan-affects"' not in fooled.stdout  # the forgery works only with the key...
    honest = mizan("check", "--format", "json", cwd=project, env={"XDG_CACHE_HOME": str(victim)})
    assert honest.returncode == 1 and '"mizan-affects"' in honest.stdout  # ...not for anyone else


def _in_process(home: Path, code: str) -> bytes:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(home)})
    return done.stdout


def _sections_with_key(folder: Path, home: Path) -> list[bytes]:
    out = _in_process(home, (
        "import sys, json; from pathlib import Path\n"
        "from mizan_core.extract._cache import RESULT_CODEC\n"
        "from mizan_core.extract.storage import read_sections\n"
        f"s = read_sections(Path({str(folder / f'result-v{FACTS_VERSION}.cache')!r}), "
        "RESULT_CODEC)\n"
        "print(json.dumps([x.decode() for x in s]))\n"))
    return [s.encode() for s in json.loads(out)]


def _write_with_key(folder: Path, home: Path, sections: list[bytes]) -> None:
    _in_process(home, (
        "import json; from pathlib import Path\n"
        "from mizan_core.extract._cache import RESULT_CODEC\n"
        "from mizan_core.extract.storage import write_sections\n"
        f"write_sections(Path({str(folder / f'result-v{FACTS_VERSION}.cache')!r}), RESULT_CODEC, "
        f"[s.encode() for s in json.loads({json.dumps([s.decode() for s in sections])!r})])\n"))


def test_every_fact_and_result_of_the_fixture_projects_survives_the_cache(tmp_path: Path) -> None:
    """The codec holds everything the extractor produces: otherwise a cache is
    silently never written and every run is cold."""
    for project in sorted(p for p in PROJECTS.iterdir() if any(p.rglob("*.py"))):
        cache = tmp_path / project.name
        cold = ProjectIndex([project], cache_dir=cache, display_root=project).build()
        facts = FactsCache(cache)
        assert facts.entries, project.name
        for key in list(facts.entries):
            assert facts.get(key) is not None, (project.name, key[0])
        warm = ProjectIndex([project], cache_dir=cache, display_root=project)
        result = warm.build()
        assert warm._pending, f"{project.name}: the warm build did not come from the cache"
        assert result.export("json") == cold.export("json")
        assert result.diagnostics == cold.diagnostics
        assert result.sites == cold.sites and result.registers == cold.registers


def test_a_cache_that_is_edited_truncated_or_foreign_is_a_cold_start(tmp_path: Path) -> None:
    project = PROJECTS / "contexts"
    cache = tmp_path / "cache"
    cold = ProjectIndex([project], cache_dir=cache, display_root=project).build()
    files = sorted(cache.glob("*.cache"))
    assert [f.name for f in files] == [f"facts-v{FACTS_VERSION}.cache",
                                       f"files-v{FACTS_VERSION}.cache",
                                       f"result-v{FACTS_VERSION}.cache"]
    originals = {f: f.read_bytes() for f in files}
    for damage in (lambda b: b[:len(b) // 2], lambda b: b.replace(b'"', b"'", 1),
                   lambda b: b[:-1] + bytes([b[-1] ^ 1]), lambda b: b"", lambda b: b"\x00" * 100):
        for file, data in originals.items():
            file.write_bytes(damage(data))
        assert read_sections(files[0], CODEC) is None
        again = ProjectIndex([project], cache_dir=cache, display_root=project)
        result = again.build()
        assert not again._pending
        assert result.export("json") == cold.export("json") and result.diagnostics == cold.diagnostics


def test_special_files_in_the_cache_folder_are_not_read(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project")
    cache = project / ".mizan_cache"
    cache.mkdir()
    os.mkfifo(cache / f"result-v{FACTS_VERSION}.cache")
    os.symlink("/dev/zero", cache / f"facts-v{FACTS_VERSION}.cache")
    done = mizan("check", cwd=project)
    assert done.returncode == 1 and "mizan-affects" in done.stdout


def test_facts_are_keyed_by_content(tmp_path: Path) -> None:
    cache = FactsCache(tmp_path)
    from mizan_core.extract.module import read_module

    facts = read_module(CLIENTS, "shop.clients")
    key = ("shop.clients", False, digest(CLIENTS.encode()))
    cache.put(key, facts)
    cache.save({key})
    again = FactsCache(tmp_path)
    assert again.get(key) == facts
    assert again.get(("shop.clients", False, digest(b"other text"))) is None
    write_sections(tmp_path / "unrelated.cache", CODEC, [b"[]"])
    assert read_sections(tmp_path / "unrelated.cache", CODEC) == [b"[]"]


def test_facts_read_from_the_cache_are_written_back_as_read(tmp_path: Path) -> None:
    """Saving after a change encodes only the changed module's facts: the
    others' sections are copied (a section spelled unlike the encoder would,
    but meaning the same, comes back spelled the same)."""
    from mizan_core.extract.module import read_module

    facts = read_module(CLIENTS, "shop.clients")
    key = ("shop.clients", False, digest(CLIENTS.encode()))
    cache = FactsCache(tmp_path)
    cache.put(key, facts)
    cache.save({key})
    path = tmp_path / f"facts-v{FACTS_VERSION}.cache"
    index, section = read_sections(path, CODEC) or []
    spaced = json.dumps(json.loads(section), indent=1).encode()
    write_sections(path, CODEC, [index, spaced])

    again = FactsCache(tmp_path)
    assert again.get(key) == facts
    other = ("shop.other", False, digest(b"x = 1\n"))
    again.put(other, read_module("x = 1\n", "shop.other"))
    again.save({key, other})
    sections = read_sections(path, CODEC) or []
    assert spaced in sections
    assert FactsCache(tmp_path).get(key) == facts
    assert FactsCache(tmp_path).get(other) == read_module("x = 1\n", "shop.other")


def _git_status(folder: Path) -> str:
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=folder,
                          capture_output=True, text=True, check=True, timeout=60).stdout


def test_the_cache_lives_beside_the_configuration_and_is_ignored_by_git(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True, timeout=60)
    before = _git_status(project)
    elsewhere = tmp_path / "shared-tmp"
    elsewhere.mkdir()
    # Started from an unrelated folder, pointed at the configuration.
    done = mizan("check", "--config", str(project / "pyproject.toml"), cwd=elsewhere)
    assert done.returncode == 1 and "mizan-affects" in done.stdout
    assert list(elsewhere.iterdir()) == []
    cache = project / ".mizan_cache"
    assert sorted(p.name for p in cache.iterdir()) == [
        ".gitignore", f"facts-v{FACTS_VERSION}.cache", f"result-v{FACTS_VERSION}.cache"]
    assert "*" in (cache / ".gitignore").read_text().splitlines()
    assert _git_status(project) == before  # nothing new to commit
    stamp = (cache / f"result-v{FACTS_VERSION}.cache").stat().st_mtime_ns
    again = mizan("check", "--config", str(project / "pyproject.toml"), cwd=elsewhere)
    assert again.stdout == done.stdout
    assert (cache / f"result-v{FACTS_VERSION}.cache").stat().st_mtime_ns == stamp  # read, not rebuilt
    # From a subfolder of the project: the cache found with the configuration.
    assert mizan("ir", cwd=project / "src" / "shop").returncode == 1
    assert not (project / "src" / "shop" / ".mizan_cache").exists()
    assert _git_status(project) == before


def test_without_a_configuration_the_cache_lives_in_the_source_root(tmp_path: Path) -> None:
    source = write_project(tmp_path / "project") / "src"
    (source.parent / "pyproject.toml").unlink()
    elsewhere = tmp_path / "shared-tmp"
    elsewhere.mkdir()
    done = mizan("check", str(source), cwd=elsewhere)
    assert done.returncode == 1 and "mizan-affects" in done.stdout
    assert list(elsewhere.iterdir()) == []
    assert (source / ".mizan_cache" / ".gitignore").is_file()


def test_a_configured_cache_dir_is_used(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project")
    (project / "pyproject.toml").write_text('[tool.mizan]\ncache_dir = "build/mizan"\n\n' + PYPROJECT)
    assert mizan("check", cwd=project).returncode == 1
    assert (project / "build" / "mizan" / ".gitignore").is_file()
    assert not (project / ".mizan_cache").exists()


def test_a_key_others_can_read_is_no_key(tmp_path: Path) -> None:
    """A key file readable by others could be used to forge caches: with one,
    nothing is cached (the results are the same, only cold)."""
    home = tmp_path / "home"
    (home / "mizan").mkdir(parents=True)
    key = home / "mizan" / "key"
    key.write_bytes(b"k" * 32)
    key.chmod(0o644)
    project = write_project(tmp_path / "project")
    done = mizan("check", cwd=project, env={"XDG_CACHE_HOME": str(home)})
    assert done.returncode == 1 and "mizan-affects" in done.stdout
    assert not list((project / ".mizan_cache").glob("*.cache"))
    key.chmod(0o600)
    assert mizan("check", cwd=project, env={"XDG_CACHE_HOME": str(home)}).stdout == done.stdout
    # (the stat table joins them once the files are a few seconds old)
    assert {p.name.split("-")[0] for p in (project / ".mizan_cache").glob("*.cache")} \
        >= {"facts", "result"}
    fresh = tmp_path / "fresh-home"  # first use: the key is made, private
    assert mizan("check", cwd=project, env={"XDG_CACHE_HOME": str(fresh)}).returncode == 1
    assert (fresh / "mizan" / "key").stat().st_mode & 0o777 == 0o600
    assert len((fresh / "mizan" / "key").read_bytes()) == 32


def test_sites_stored_by_another_layout_are_computed_again(tmp_path: Path) -> None:
    """A warm build reads the diagnostics without the extractor's classes; the
    function sites (for editors) carry those classes' schema, and sites of
    another layout are recomputed, never read as nothing."""
    from mizan_core.extract._cache import RESULT_CODEC

    project = PROJECTS / "contexts"
    cache = tmp_path / "cache"
    cold = ProjectIndex([project], cache_dir=cache, display_root=project).build()
    assert cold.sites
    result_file = cache / f"result-v{FACTS_VERSION}.cache"
    sections = read_sections(result_file, RESULT_CODEC)
    assert sections is not None
    schema, _, body = sections[-1].partition(b"\n")
    assert schema == CODEC.schema.encode()
    write_sections(result_file, RESULT_CODEC, [*sections[:-1], b"0000000000000000\n" + body])

    warm = ProjectIndex([project], cache_dir=cache, display_root=project)
    result = warm.build()
    assert warm._pending  # the diagnostics came from the cache...
    assert result.function_count == len(cold.sites)
    assert result.sites == cold.sites and result.registers == cold.registers  # ...not the sites
