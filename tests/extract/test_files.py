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
