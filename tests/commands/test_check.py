"""`mizan check` as a user runs it: output formats, exit codes, stale output."""

from __future__ import annotations

import json
from pathlib import Path

from ._run import PROJECTS, run


def test_check_clean_project_exits_0() -> None:
    code, out, err = run("check", "--no-cache", str(PROJECTS / "basics"))
    assert (code, out) == (0, "")
    assert "no problems found" in err


def test_check_text_format_is_path_line_col_code_message() -> None:
    code, out, _ = run("check", "--no-cache", "errors", cwd=PROJECTS)
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith("errors/fx_errors/broken_syntax.py:5:32: mizan-syntax syntax error")


def test_check_json_and_github_formats() -> None:
    code, out, _ = run("check", "--no-cache", "--format", "json", str(PROJECTS / "errors"))
    items = json.loads(out)
    assert code == 1 and len(items) > 10
    assert set(items[0]) == {"code", "severity", "message", "file", "line", "column", "end_line",
                             "end_column"}
    code, out, _ = run("check", "--no-cache", "--format", "github", str(PROJECTS / "errors"))
    assert code == 1
    assert any(line.startswith("::warning file=") and "title=mizan-unregistered::" in line
               for line in out.splitlines())


def test_check_reports_stale_generated_output(tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    (app / "clients.py").write_text("from mizan_django import client, register\n\n"
                                    "@client\ndef echo(request, text: str) -> str:\n    return text\n\n"
                                    'register(echo, "echo")\n')
    (tmp_path / "mizan.toml").write_text('output = "web/api"\n[source.static]\npaths = ["."]\n')
    code, out, _ = run("check", "--no-cache", "--format", "json", cwd=tmp_path)
    assert (code, json.loads(out)) == (0, [])  # nothing generated yet: not stale
    assert run("generate", cwd=tmp_path)[0] == 0
    assert run("check", "--no-cache", "--format", "json", cwd=tmp_path)[0] == 0
    calls = tmp_path / "web" / "api" / "calls.ts"
    calls.write_text(calls.read_text() + "// edited\n")
    code, out, _ = run("check", "--no-cache", "--format", "json", cwd=tmp_path)
    assert code == 1
    assert [(d["code"], d["severity"], d["file"], d["line"]) for d in json.loads(out)] == [
        ("mizan-stale", "warning", "web/api/calls.ts", 1)]
    # PATHs naming the configured sources are the configured project: still stale.
    code, out, _ = run("check", "--no-cache", "--format", "json", ".", cwd=tmp_path)
    assert (code, [d["code"] for d in json.loads(out)]) == (1, ["mizan-stale"])
    # Other sources (a sub-folder): the output is not theirs to compare.
    code, out, _ = run("check", "--no-cache", "--format", "json", "app", cwd=tmp_path)
    assert (code, json.loads(out)) == (0, [])


def test_a_configured_source_root_that_is_missing_names_the_file_and_line(
        tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.mizan]\noutput = "web/api"\n\n[tool.mizan.source.static]\npaths = ["backend"]\n')
    code, _, err = run("check", cwd=tmp_path)
    assert code == 2
    assert f"{tmp_path.resolve() / 'pyproject.toml'}:5: [source.static] paths: " in err
    assert "backend is not a folder" in err
