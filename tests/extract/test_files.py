"""`fingerprint`: whether anything a build reads has changed, without parsing."""

from __future__ import annotations

from pathlib import Path

from mizan_core.extract import ProjectIndex, fingerprint


def _project(root: Path) -> Path:
    (root / "shop").mkdir(parents=True)
    (root / "shop" / "__init__.py").write_text("")
    (root / "shop" / "api.py").write_text(
        "from mizan_core import client\n\n\n@client\ndef ping(request) -> str:\n    return 'ok'\n")
    return root


def test_the_fingerprint_is_the_one_a_build_reads(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    index = ProjectIndex([root], display_root=root)
    index.build()
    assert index.fingerprint == fingerprint([root], root)


def test_any_change_a_build_would_see_changes_the_fingerprint(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    before = fingerprint([root], root)
    assert fingerprint([root], root) == before

    api = root / "shop" / "api.py"
    api.write_text(api.read_text() + "# a comment\n")
    edited = fingerprint([root], root)
    assert edited != before

    (root / "shop" / "models.py").write_text("")
    added = fingerprint([root], root)
    assert added != edited

    (root / "shop" / "models.py").unlink()
    assert fingerprint([root], root) == edited
    # Files a build never reads do not count.
    (root / "shop" / "notes.txt").write_text("todo")
    (root / "node_modules").mkdir()
    (root / "node_modules" / "x.py").write_text("")
    assert fingerprint([root], root) == edited


def test_special_files_are_skipped_never_read(tmp_path: Path) -> None:
    """A FIFO named `x.py` would make a reader wait forever, a link to
    `/dev/zero` read until memory runs out: both are skipped."""
    import json
    import os

    from ._hostile import GOOD
    from .test_cache import PYPROJECT, mizan

    (tmp_path / "src" / "shop").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "src" / "shop" / "good.py").write_text(GOOD)
    os.mkfifo(tmp_path / "src" / "shop" / "x.py")
    os.symlink("/dev/zero", tmp_path / "src" / "shop" / "zero.py")
    os.symlink(tmp_path / "src" / "shop" / "good.py", tmp_path / "src" / "shop" / "alias.py")
    done = mizan("check", "--format", "json", cwd=tmp_path)  # a hang fails by the timeout
    assert done.returncode == 1, done.stderr
    # The link to a regular file is a module like any other: its `ping` is a duplicate.
    assert [(d["code"], d["file"]) for d in json.loads(done.stdout)] == [
        ("mizan-duplicate", "src/shop/good.py")]
    ir = mizan("ir", "--format", "json", "--no-cache", cwd=tmp_path)
    assert '"name": "ping"' in ir.stdout
