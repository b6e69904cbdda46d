"""Source built to break the reader: deep nesting, long chains, huge files,
declared encodings. `mizan check` and `mizan ir` run for real (a crash of
libcst's native parser would kill the process: exit 139), under a timeout."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from mizan_core.extract import check_source, extract_ir
from mizan_core.extract._bounds import MAX_DEPTH, decode_source, encode_source

from ._hostile import GOOD, HOSTILE_SOURCES, MIZAN_HEAD, huge_source
from .test_cache import PYPROJECT, mizan


def _project(root: Path, files: dict[str, str | bytes]) -> Path:
    (root / "src" / "shop").mkdir(parents=True)
    (root / "pyproject.toml").write_text(PYPROJECT)
    (root / "src" / "shop" / "__init__.py").write_text("")
    (root / "src" / "shop" / "good.py").write_text(GOOD)
    for name, text in files.items():
        path = root / "src" / "shop" / name
        path.write_bytes(text) if isinstance(text, bytes) else path.write_text(text)
    return root


@pytest.mark.parametrize("kind", sorted(HOSTILE_SOURCES))
def test_hostile_nesting_is_a_syntax_finding_not_a_crash(tmp_path: Path, kind: str) -> None:
    project = _project(tmp_path, {"hostile.py": HOSTILE_SOURCES[kind]})
    start = time.monotonic()
    done = mizan("check", "--format", "json", cwd=project)
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
    assert time.monotonic() - start < 60
    found = json.loads(done.stdout)
    if kind == "annotation":  # a string annotation is not the file: the file is read
        assert {d["code"] for d in found} >= {"mizan-unresolved"} and \
            "mizan-syntax" not in {d["code"] for d in found}
    else:
        assert [(d["code"], d["file"], d["severity"]) for d in found] == [
            ("mizan-syntax", "src/shop/hostile.py", "error")]
        assert "too deeply nested" in found[0]["message"]
    text = mizan("check", cwd=project)
    assert text.returncode == 1 and "Traceback" not in text.stderr
    ir = mizan("ir", "--format", "json", cwd=project)
    assert ir.returncode in (0, 1) and '"name": "ping"' in ir.stdout  # the other file counts


def test_a_10_mb_file_is_refused_quickly(tmp_path: Path) -> None:
    project = _project(tmp_path, {"generated.py": huge_source(10)})
    start = time.monotonic()
    done = mizan("check", "--format", "json", "--no-cache", cwd=project)
    elapsed = time.monotonic() - start
    found = json.loads(done.stdout)
    assert [(d["code"], d["file"]) for d in found] == [("mizan-syntax", "src/shop/generated.py")]
    assert "too large" in found[0]["message"]
    assert elapsed < 20, elapsed


def test_500_implicitly_concatenated_lines_are_read(tmp_path: Path) -> None:
    lines = "".join(f'    "line {i} of a long text "\n' for i in range(500))
    text = GOOD + f"\nTEXT = (\n{lines})\n"
    project = _project(tmp_path, {"good.py": text})
    result = extract_ir([project / "src"])
    assert [d.code for d in result.diagnostics] == []
    assert [f.name for f in result.ir.functions] == ["ping"]


def test_a_latin_1_file_is_read_in_its_declared_encoding(tmp_path: Path) -> None:
    source = ("# -*- coding: latin-1 -*-\n" + MIZAN_HEAD
              + '@client\ndef café(request) -> str:\n    """Un café."""\n    return "été"\n\n\n'
              + 'register(café, "cafe")\n')
    project = _project(tmp_path, {"latin.py": source.encode("latin-1")})
    result = extract_ir([project / "src"])
    assert [d.code for d in result.diagnostics] == []
    cafe = result.ir.function("cafe")
    assert cafe is not None and cafe.qualname == "café" and cafe.doc == "Un café."
    # An editor buffer of that file is the same file (same text, same digest).
    assert decode_source(encode_source(source)) == source
    assert encode_source(source) == source.encode("latin-1")
    assert decode_source(b"\xef\xbb\xbf" + GOOD.encode()) == GOOD  # a UTF-8 BOM is dropped


def test_the_limits_let_ordinary_code_through() -> None:
    deep_but_fine = MIZAN_HEAD + "X = " + "(" * 150 + "1" + ")" * 150 + "\n" \
        + "Y = " + " + ".join(["1"] * (MAX_DEPTH // 2)) + "\n" + GOOD.removeprefix(MIZAN_HEAD)
    assert [d.code for d in check_source(deep_but_fine)] == []
    long_dict = MIZAN_HEAD + "type T = int\nD = {\n" + "".join(
        f"    'k{i}': {i},\n" for i in range(5000)) + "}\n" + GOOD.removeprefix(MIZAN_HEAD)
    assert [d.code for d in check_source(long_dict)] == []  # newer syntax: counted by tokens
