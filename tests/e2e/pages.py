"""What the browser tests do to a page and read from it: log in, count the
Mizan calls it makes."""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from playwright.sync_api import Page, Request, WebSocket

__all__ = ["ARTIFACTS", "LOGIN", "Traffic", "log_in", "settle"]

ARTIFACTS = Path(os.environ.get("MIZAN_E2E_ARTIFACTS", Path(__file__).parent / "artifacts"))
LOGIN = ("demo", "demo")  # created by examples/shop/serve.py
CALL = "/api/mizan/call/"


def log_in(page: Page) -> None:
    """Django's own login form, as a user would fill it in."""
    page.goto("/login/")
    page.fill("#id_username", LOGIN[0])
    page.fill("#id_password", LOGIN[1])
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/$"))


@dataclass
class Traffic:
    """Every Mizan HTTP call and websocket frame a page made, as (name, args)."""

    http: list[tuple[str, str, dict[str, object]]] = field(default_factory=list)
    frames: list[dict[str, object]] = field(default_factory=list)
    #: frames the server sent (answers and live pushes)
    received: list[dict[str, object]] = field(default_factory=list)

    def watch(self, page: Page) -> Traffic:
        page.on("request", self._request)
        page.on("websocket", self._websocket)
        return self

    def _request(self, request: Request) -> None:
        parts = urlsplit(request.url)
        if not parts.path.startswith(CALL):
            return
        name = parts.path.removeprefix(CALL)
        if request.method == "GET":
            args = {key: json.loads(value) for key, value in parse_qsl(parts.query)}
        else:
            args = json.loads(request.post_data or "{}")
        self.http.append((request.method, name, args))

    def _websocket(self, socket: WebSocket) -> None:
        def keep(into: list[dict[str, object]]) -> Callable[[str | bytes], None]:
            def kept(payload: str | bytes) -> None:
                try:
                    frame = json.loads(payload)
                except ValueError:
                    return
                if isinstance(frame, dict):
                    into.append({"url": socket.url, **frame})
            return kept

        socket.on("framesent", keep(self.frames))
        socket.on("framereceived", keep(self.received))

    def calls(self, name: str, **args: object) -> list[tuple[str, dict[str, object]]]:
        """HTTP calls of `name` whose arguments include `args`."""
        return [(method, got) for method, called, got in self.http
                if called == name and all(got.get(k) == v for k, v in args.items())]

    def clear(self) -> None:
        self.http.clear()
        self.frames.clear()
        self.received.clear()

    def subscribed(self) -> list[object]:
        """What the page subscribed to that the server acknowledged."""
        acked = {f["id"] for f in self.received if f.get("result", 0) is None}
        return [f["subscribe"] for f in self.frames if "subscribe" in f and f["id"] in acked]


def settle(page: Page) -> None:
    """Let the page finish what it started (fetches, re-fetches) before counting."""
    page.wait_for_load_state("networkidle")
    time.sleep(0.3)
