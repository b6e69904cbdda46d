"""The demo shop served for real: `examples/shop/serve.py` (uvicorn, `wrap_asgi`)
on a free loopback port with a scratch database, as `make demo` runs it."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mizan_core.tokens import issue_mwt

from ._projects import SHOP

# examples/shop/shopsite/settings.py: the demo's development-only secret
DEMO_MWT_SECRET = "dev-only-mizan-mwt-secret-fedcba9876543210"


@dataclass(frozen=True)
class LiveShop:
    url: str
    database: Path
    log: Path

    def bearer(self, username: str = "demo") -> str:
        """An MWT for a user of the scratch database, as an SSR server would mint it."""
        with sqlite3.connect(self.database) as db:
            row = db.execute("SELECT id FROM auth_user WHERE username = ?", (username,)).fetchone()
        assert row is not None, f"no user {username!r} in the demo database"
        return issue_mwt(DEMO_MWT_SECRET, sub=str(row[0]), aud="mizan", ttl=3600)


@pytest.fixture(scope="module")
def live_shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveShop]:
    folder = tmp_path_factory.mktemp("live-shop")
    database, log = folder / "shop.sqlite3", folder / "server.log"
    env = {**os.environ, "MIZAN_SHOP_DB": str(database), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    with log.open("w") as out:  # a file, not a pipe: the console mail backend writes here too
        server = subprocess.Popen([sys.executable, str(SHOP / "serve.py"), "--port", "0"],
                                  stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 60
        found = None
        while found is None and time.monotonic() < deadline and server.poll() is None:
            found = re.search(r"http://127\.0\.0\.1:\d+", log.read_text())
            time.sleep(0.1)
        if found is None:
            pytest.fail(f"serve.py did not print its URL:\n{log.read_text()[-3000:]}")
        yield LiveShop(found.group(0), database, log)
    finally:
        server.terminate()
        server.wait(timeout=10)
