"""Real ASGI servers for the websocket tests: uvicorn processes on loopback ports.

``site_db`` prepares one SQLite database per test module (the demo shop plus
``site/wsapp``) and returns the users' session keys and MWTs. ``start_server``
launches ``uvicorn tests.channels.site.asgi:application`` on 127.0.0.1 and a
free port, waits (bounded) until it accepts connections, and stops it at the
end of the test (terminate, then kill after a bounded wait). With
``redis_url`` the server uses a ``channels_redis`` layer and a Redis context
cache, so two servers share groups and cached contexts.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0


def site_env(db: Path, redis_url: str | None = None,
             allowed_hosts: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "MIZAN_"))}
    env.update(
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "examples" / "shop")]),
        DJANGO_SETTINGS_MODULE="tests.channels.site.settings",
        MIZAN_SHOP_DB=str(db),
    )
    if redis_url:
        env["MIZAN_TEST_REDIS_URL"] = redis_url
    if allowed_hosts:
        env["MIZAN_TEST_ALLOWED_HOSTS"] = allowed_hosts
    return env


@dataclass
class Site:
    db: Path
    users: dict[str, dict[str, str]]

    def run_python(self, code: str, redis_url: str | None = None) -> str:
        """Run Django code in a fresh process with the site's settings (a "shell")."""
        done = subprocess.run(
            [sys.executable, "-c", "import django; django.setup()\n" + code],
            env=site_env(self.db, redis_url), cwd=ROOT, capture_output=True, text=True,
            timeout=60, check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout


@pytest.fixture(scope="module")
def site_db(tmp_path_factory: pytest.TempPathFactory) -> Site:
    db = tmp_path_factory.mktemp("site") / "site.sqlite3"
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests/channels/site/prepare.py")],
        env=site_env(db), cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    return Site(db, json.loads(done.stdout))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/mizan"

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"  # this site: what a page it served sends

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=STOP_TIMEOUT)


def _launch(db: Path, log: Path, redis_url: str | None, allowed_hosts: str | None = None,
            ) -> Server:
    port = _free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "tests.channels.site.asgi:application",
             "--host", "127.0.0.1", "--port", str(port), "--lifespan", "off",
             "--timeout-graceful-shutdown", "2"],
            env=site_env(db, redis_url, allowed_hosts), cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
        )
    server = Server(port, process, log)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the ASGI server exited at start:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.05)
    server.stop()
    pytest.fail(f"the ASGI server did not listen within {START_TIMEOUT} s:\n{log.read_text()}")


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    started: list[Server] = []

    def start(site: Site, redis_url: str | None = None, allowed_hosts: str | None = None,
              ) -> Server:
        server = _launch(site.db, tmp_path / f"server-{len(started)}.log", redis_url,
                         allowed_hosts)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="module")
def module_server(site_db: Site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server shared by a module's single-process tests."""
    server = _launch(site_db.db, tmp_path_factory.mktemp("log") / "server.log", None)
    yield server
    server.stop()


def post(server: Server, name: str, args: dict[str, Any], token: str | None = None,
         ) -> tuple[int, dict[str, Any]]:
    """POST a call over HTTP (bearer auth: no CSRF) and return (status, JSON body)."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        f"{server.http}/api/mizan/call/{name}", data=json.dumps(args).encode(), method="POST",
        headers={"Content-Type": "application/json",
                 **({"Authorization": f"Bearer {token}"} if token else {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def get(server: Server, name: str, query: str) -> tuple[int, dict[str, Any]]:
    import urllib.request

    with urllib.request.urlopen(f"{server.http}/api/mizan/call/{name}?{query}",
                                timeout=10) as response:
        return response.status, json.loads(response.read())
