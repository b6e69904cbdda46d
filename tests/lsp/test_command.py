"""`mizan lsp` is the language server's command (the `mizan.commands` entry
point of mizan_lsp): the real console script, spoken to over stdio."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

MIZAN = Path(sys.executable).parent / "mizan"


def _send(stream: IO[bytes], message: dict[str, Any]) -> None:
    body = json.dumps(message).encode()
    stream.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    stream.flush()


def _receive(stream: IO[bytes]) -> dict[str, Any]:
    length = 0
    while (line := stream.readline().strip()):
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value)
    reply: dict[str, Any] = json.loads(stream.read(length))
    return reply


def test_mizan_lsp_answers_initialize_and_shuts_down(tmp_path: Path) -> None:
    proc = subprocess.Popen([str(MIZAN), "lsp", "--stdio"], cwd=tmp_path,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    try:
        _send(proc.stdin, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                           "params": {"processId": os.getpid(), "rootUri": tmp_path.as_uri(),
                                      "capabilities": {}}})
        reply = _receive(proc.stdout)
        assert reply["id"] == 1 and reply["result"]["serverInfo"]["name"] == "mizan-lsp"
        assert "hoverProvider" in reply["result"]["capabilities"]
        _send(proc.stdin, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
        while (reply := _receive(proc.stdout)).get("id") != 2:
            pass  # notifications the server sent meanwhile
        _send(proc.stdin, {"jsonrpc": "2.0", "method": "exit"})
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_mizan_lsp_without_pygls_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    # pygls is installed here: a package of that name that fails to import
    # stands in for an installation without the `lsp` extra.
    (tmp_path / "pygls").mkdir()
    (tmp_path / "pygls" / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'pygls'\", name='pygls')\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    done = subprocess.run([str(MIZAN), "lsp", "--stdio"], env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert (done.returncode, done.stdout) == (2, "")
    assert "mizan lsp: the language server cannot start: No module named 'pygls'" in done.stderr
    assert "`lsp` extra" in done.stderr and "Traceback" not in done.stderr
