"""A short soak (``make bench`` runs the long one, ``tests/bench/bench_soak.py``): two
uvicorn workers sharing one real Redis as context cache and channel layer,
under mixed load for a few seconds: HTTP reads of the ``stock`` context from
both, mutations alternating between them, websocket calls on both, and a
listener per worker subscribed to the mutated stock.

No request fails, no read that started after a mutation returned shows an
older value (whichever worker cached it), every listener hears every
mutation, and the workers' memory stays within a bound.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.channels._soak import Load, rss_kib
from tests.channels.conftest import Server, Site, _launch
from tests.fixtures.redis import RedisServer

SECONDS = 5.0
#: growth of a worker's resident memory over the smoke; the full soak reports the figure
RSS_BOUND_KIB = 64 * 1024


@pytest.fixture(scope="module")
def workers(site_db: Site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Server]]:
    redis = RedisServer()
    logs = tmp_path_factory.mktemp("soak")
    started = [_launch(site_db.db, logs / f"worker-{i}.log", redis.url) for i in (0, 1)]
    yield started
    for server in started:
        server.stop()
    redis.stop()


def test_two_workers_under_mixed_load(workers: list[Server], site_db: Site) -> None:
    load = Load(workers, site_db.users["bob"]["token"], readers=3, mutate_on=(0, 1), sockets=2)
    load.start()
    time.sleep(0.5)  # past each worker's first requests (imports, connections)
    memory = [rss_kib(w) for w in workers]
    time.sleep(SECONDS)
    load.stop()
    grown = [rss_kib(w) - before for w, before in zip(workers, memory)]
    assert load.failures() == []
    assert load.stale() == []
    kinds = {kind: sum(a.kind == kind for a in load.answers) for kind in ("read", "write",
                                                                            "socket")}
    assert all(count > 10 for count in kinds.values()), kinds
    assert {a.server for a in load.answers if a.kind == "write"} == {0, 1}
    assert load.pushes == [load.writes()] * 2  # every listener heard every mutation
    assert max(grown) < RSS_BOUND_KIB, grown
    print(f"soak smoke: {kinds}, {load.figures()}, pushes {load.pushes}, "
          f"RSS growth {grown} KiB")
