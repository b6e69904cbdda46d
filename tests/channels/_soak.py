"""Load on the channels site's servers, every answer kept, for the soak and fault tests
(``test_soak.py``, ``test_redis_faults.py``) and ``make bench`` (``bench_soak``).

One thread mutates (``restock`` of tea, round-robin over ``mutate_on``: each
answer is the new stock), reader threads fetch the ``stock`` context
(``stock_level``) from every server, and optionally socket clients call
``tbl_echo`` over ``<ws>/rpc`` while one listener per server is subscribed to
tea's stock and counts the invalidations pushed to it. A read is *stale* when
it started after a mutation had returned and shows an older stock.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.channels.conftest import Server

__all__ = ["SKU", "Answer", "Load", "rss_kib"]

SKU = "tea"


@dataclass
class Answer:
    kind: str  # "read", "write" or "socket"
    server: int
    started: float
    took: float
    status: int | None
    body: Any
    #: for a read: the stock the last mutation that had returned before it started answered
    floor: int = 0
    #: the ``X-Mizan-Purge`` header: "pending" when a mutation's purge outlived its bound
    purge: str | None = None


def rss_kib(server: Server) -> int:
    """The server process's resident memory."""
    for line in Path(f"/proc/{server.process.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@dataclass
class Load:
    """Readers, one mutator and (``sockets`` > 0) socket clients and listeners."""

    servers: list[Server]
    token: str
    readers: int = 3
    mutate_on: tuple[int, ...] = (0,)
    sockets: int = 0
    answers: list[Answer] = field(default_factory=list)
    #: pushes heard by each server's listener
    pushes: list[int] = field(default_factory=list)
    last_written: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _listening: threading.Event = field(default_factory=threading.Event)
    _drained: threading.Event = field(default_factory=threading.Event)
    _senders: list[threading.Thread] = field(default_factory=list)
    _socket_thread: threading.Thread | None = None

    def _send(self, kind: str, index: int, request: urllib.request.Request,
              floor: int = 0) -> Answer:
        started = time.monotonic()
        purge = None
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                status, raw = response.status, response.read()
                purge = response.headers.get("X-Mizan-Purge")
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        except OSError as error:  # no answer at all
            status, raw = None, repr(error).encode()
        try:
            body = json.loads(raw)
        except ValueError:
            body = raw[:300]
        answer = Answer(kind, index, started, time.monotonic() - started, status, body, floor,
                        purge)
        self.answers.append(answer)
        return answer

    def _read(self, reader: int) -> None:
        index = reader % len(self.servers)
        url = f"{self.servers[index].http}/api/mizan/call/stock_level?sku=%22{SKU}%22"
        while not self._stop.is_set():
            self._send("read", index, urllib.request.Request(url), self.last_written)

    def _write(self) -> None:
        turn = 0
        while not self._stop.is_set():
            index = self.mutate_on[turn % len(self.mutate_on)]
            turn += 1
            answer = self._send("write", index, urllib.request.Request(
                f"{self.servers[index].http}/api/mizan/call/restock", method="POST",
                data=json.dumps({"sku": SKU, "quantity": 1}).encode(),
                headers={"Content-Type": "application/json",
                         "Authorization": f"Bearer {self.token}"}))
            if answer.status == 200:
                self.last_written = answer.body["result"]
            time.sleep(0.02)

    async def _socket_client(self, index: int, client: int) -> None:
        from tests.channels import _ws

        server = self.servers[index]
        async with _ws.connect(f"{server.ws}/rpc", server.origin) as ws:
            call_id = 0
            while not self._stop.is_set():
                call_id += 1
                started = time.monotonic()
                frame = await _ws.call(ws, call_id, "tbl_echo", {"text": f"{client}:{call_id}"})
                ok = frame.get("id") == call_id and frame.get("result") == f"{client}:{call_id}"
                self.answers.append(Answer("socket", index, started, time.monotonic() - started,
                                           200 if ok else frame.get("status", 0),
                                           {"result": frame.get("result"),
                                            "invalidate": frame.get("invalidate")}
                                           if ok else frame))

    async def _listener(self, index: int, ready: asyncio.Event) -> None:
        from tests.channels import _ws

        server = self.servers[index]
        async with _ws.connect(f"{server.ws}/rpc", server.origin) as ws:
            await ws.send(json.dumps({"id": 1, "subscribe": {"context": "stock",
                                                              "args": {"sku": SKU}}}))
            assert (await _ws.recv_json(ws)) == {"id": 1, "result": None}
            ready.set()
            while not (self._stop.is_set() and self._drained.is_set()):
                try:
                    frame = json.loads(await asyncio.wait_for(ws.recv(), 0.2))
                except TimeoutError:
                    continue
                if "invalidate" in frame and "id" not in frame:
                    self.pushes[index] += 1

    def _sockets(self) -> None:
        async def main() -> None:
            readies = [asyncio.Event() for _ in self.servers]
            listeners = [asyncio.create_task(self._listener(i, readies[i]))
                         for i in range(len(self.servers))]
            await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), 10)
            self._listening.set()
            clients = [self._socket_client(i % len(self.servers), i) for i in range(self.sockets)]
            await asyncio.gather(*clients, *listeners)

        asyncio.run(main())

    def start(self) -> None:
        if self.sockets:
            self.pushes = [0] * len(self.servers)
            self._socket_thread = threading.Thread(target=self._sockets, daemon=True)
            self._socket_thread.start()
            assert self._listening.wait(15), "the listeners did not subscribe"
        self._senders = [threading.Thread(target=self._write, daemon=True)] + [
            threading.Thread(target=self._read, args=(i,), daemon=True)
            for i in range(self.readers)]
        for thread in self._senders:
            thread.start()

    def stop(self, drain: float = 2.0) -> None:
        """Stop sending; listeners keep counting until every push arrived or ``drain`` s."""
        self._stop.set()
        for thread in self._senders:  # then the last mutation has returned
            thread.join(timeout=20)
            assert not thread.is_alive(), "a request never came back"
        deadline = time.monotonic() + drain
        while self.sockets and time.monotonic() < deadline and any(
                heard < self.writes() for heard in self.pushes):
            time.sleep(0.05)
        self._drained.set()
        if self._socket_thread is not None:
            self._socket_thread.join(timeout=20)
            assert not self._socket_thread.is_alive(), "a socket call never came back"

    def writes(self) -> int:
        return sum(a.kind == "write" and a.status == 200 for a in self.answers)

    def failures(self) -> list[Answer]:
        return [a for a in self.answers if a.status != 200 or not isinstance(a.body, dict)
                or set(a.body) != {"result", "invalidate"}]

    def stale(self) -> list[Answer]:
        return [a for a in self.answers if a.kind == "read" and a.status == 200
                and a.body["result"] < a.floor]

    def figures(self, since: float = 0.0) -> dict[str, Any]:
        chosen = [a for a in self.answers if a.started >= since]
        during = sorted(a.took for a in chosen)
        return {"requests": len(chosen), "writes": sum(a.kind == "write" for a in chosen),
                "p99_ms": round(1000 * during[int(0.99 * (len(during) - 1))]) if during else None,
                "max_ms": round(1000 * during[-1]) if during else None}
