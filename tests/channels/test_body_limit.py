"""MIZAN_MAX_BODY_BYTES (1 MiB here) before the body is read, on a real uvicorn, over a raw socket."""

from __future__ import annotations

import json
import select
import socket
import time

from mizan_django.conf import DEFAULT_MAX_BODY_BYTES

LIMIT = DEFAULT_MAX_BODY_BYTES
ANSWER_WITHIN = 5.0


def _head(server, length: str) -> bytes:
    return (f"POST /api/mizan/call/echo HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
            f"Content-Type: application/json\r\n{length}\r\n\r\n").encode()


def _read_answer(sock: socket.socket) -> tuple[int, dict]:
    data = b""
    deadline = time.monotonic() + ANSWER_WITHIN
    while b"\r\n\r\n" not in data or not _complete(data):
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body)


def _complete(data: bytes) -> bool:
    head, _, body = data.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(body) >= int(line.split(b":")[1])
    return False


def test_a_declared_length_over_the_limit_is_refused_before_any_body(module_server):
    with socket.create_connection(("127.0.0.1", module_server.port), timeout=ANSWER_WITHIN) as sock:
        sock.sendall(_head(module_server, "Content-Length: 100000000"))  # and no body at all
        status, body = _read_answer(sock)
    assert status == 413
    assert body["error"]["code"] == "payload_too_large"


def test_a_chunked_body_stops_being_read_past_the_limit(module_server):
    chunk = b"x" * 65536
    frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    sent = 0
    with socket.create_connection(("127.0.0.1", module_server.port), timeout=ANSWER_WITHIN) as sock:
        sock.sendall(_head(module_server, "Transfer-Encoding: chunked"))
        # Up to 300 MiB; the server must answer long before that.
        while sent < 300 * LIMIT:
            readable, writable, _ = select.select([sock], [sock], [], ANSWER_WITHIN)
            if readable or not writable:
                break
            try:
                sock.sendall(frame)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
        status, body = _read_answer(sock)
    assert status == 413
    assert body["error"]["code"] == "payload_too_large"
    assert sent < 16 * LIMIT  # the limit plus what the kernel's socket buffers held


def test_a_body_within_the_limit_is_served(module_server):
    payload = json.dumps({"text": "y" * (LIMIT // 2)}).encode()
    with socket.create_connection(("127.0.0.1", module_server.port), timeout=ANSWER_WITHIN) as sock:
        sock.sendall(_head(module_server, f"Content-Length: {len(payload)}") + payload)
        status, body = _read_answer(sock)
    assert status == 200 and body["result"]["message"].startswith("y")
