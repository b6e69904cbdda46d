"""The soak: two uvicorn workers sharing one real Redis (cache and channel layer)
under mixed load for a minute (``--quick``: 10 s), as ``tests/channels/test_soak.py``
does for a few seconds in ``make test``.

Load (``tests/channels/_soak.py``): four HTTP readers of the ``stock`` context
(two per worker), one mutator alternating between the workers, four websocket
clients calling ``tbl_echo``, and a listener per worker subscribed to the
mutated stock. Reported: requests and their rate, errors, stale reads (a read
that started after a mutation returned and shows an older stock), pushes heard
against mutations, latency, and each worker's resident memory after warm-up,
at half time and at the end.
"""

from __future__ import annotations

import time

from ._report import Row
from ._site import two_workers


def measure(quick: bool) -> dict[str, float]:
    from tests.channels._soak import Load, rss_kib

    seconds = 10.0 if quick else 60.0
    with two_workers("mizan-bench-soak-") as (site, servers):
        load = Load(servers, site.users["bob"]["token"], readers=4, mutate_on=(0, 1), sockets=4)
        load.start()
        time.sleep(2.0)  # warm-up: imports, connections, first cache fills
        warm = [rss_kib(s) for s in servers]
        time.sleep(seconds / 2)
        half = [rss_kib(s) for s in servers]
        time.sleep(seconds / 2)
        end = [rss_kib(s) for s in servers]
        load.stop()
    took = sorted(a.took for a in load.answers)
    writes = load.writes()
    return {
        "seconds": seconds + 2.0, "requests": len(load.answers),
        "errors": len(load.failures()), "stale": len(load.stale()),
        "writes": writes, "pushes_missing": sum(writes - heard for heard in load.pushes),
        "p50": 1000 * took[len(took) // 2], "p99": 1000 * took[int(0.99 * (len(took) - 1))],
        "warm": max(warm) / 1024, "half": max(half) / 1024, "end": max(end) / 1024,
        "growth": max(e - h for e, h in zip(end, half)) / 1024,
    }


def run(quick: bool) -> list[Row]:
    f = measure(quick)
    return [
        Row("soak", f"requests in {f['seconds']:.0f} s (HTTP + socket, 2 workers)",
            f["requests"], "req"),
        Row("soak", "requests per second", f["requests"] / f["seconds"], "/s"),
        Row("soak", "errors (non-200 or not the protocol's JSON)", f["errors"], "", target="0",
            ok=f["errors"] == 0),
        Row("soak", "stale reads after a mutation returned", f["stale"], "", target="0",
            ok=f["stale"] == 0),
        Row("soak", "mutations", f["writes"], ""),
        Row("soak", "pushes the two listeners missed", f["pushes_missing"], "", target="0",
            ok=f["pushes_missing"] == 0),
        Row("soak", "latency p50", f["p50"], "ms"),
        Row("soak", "latency p99", f["p99"], "ms"),
        Row("soak", "worker RSS after warm-up (larger worker)", f["warm"], "MiB"),
        Row("soak", "worker RSS at half time", f["half"], "MiB"),
        Row("soak", "worker RSS at the end", f["end"], "MiB"),
        Row("soak", "RSS growth over the second half (worst worker)", f["growth"], "MiB",
            target="< 8 MiB", ok=f["growth"] < 8),
    ]
