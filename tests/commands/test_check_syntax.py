"""`mizan check` on a project with a file that does not parse: the syntax error,
and no `mizan-stale` for generated files the broken file's functions are
missing from (the footer says the comparison waits)."""

from __future__ import annotations

import json
from pathlib import Path

from ._run import run

CLIENTS = ("from mizan_django import client, register\n\n"
           "@client\ndef echo(request, text: str) -> str:\n    return text\n\n"
           'register(echo, "echo")\n')


def test_no_stale_warnings_while_a_file_does_not_parse(tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    clients = app / "clients.py"
    clients.write_text(CLIENTS)
    (tmp_path / "mizan.toml").write_text('output = "web/api"\n[source.static]\npaths = ["."]\n')
    assert run("generate", cwd=tmp_path)[0] == 0
    clients.write_text(CLIENTS.replace("text: str)", "text: str"))
    code, out, err = run("check", "--no-cache", "--format", "json", cwd=tmp_path)
    assert (code, [(d["code"], d["file"], d["line"]) for d in json.loads(out)]) == (
        1, [("mizan-syntax", "app/clients.py", 4)])
    code, out, err = run("check", "--no-cache", cwd=tmp_path)
    assert code == 1 and "mizan-stale" not in out
    assert "generated TypeScript not compared until the 1 file(s) with a syntax error parse" in err
    clients.write_text(CLIENTS.replace("return text", "return text.upper()"))
    assert run("check", "--no-cache", cwd=tmp_path)[0] == 0  # fixed: up to date again
