"""What the browser tests do to a page and read from it: log in, count the
Mizan calls it makes, build and serve a target's own small page."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from playwright.sync_api import BrowserContext, Page, Request, Route, WebSocket, expect

from mizan_core.codegen import generate
from tests.codegen._projects import load_project
from tests.codegen._tsc import run_tool

__all__ = ["ARTIFACTS", "LOGIN", "Traffic", "build_own_page", "log_in", "serve_own_page", "settle"]

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


def build_own_page(target: str, api: Path, config: str, out: Path) -> Path:
    """The demo's client for `target` generated into `api`, and the page over it bundled
    by Vite (tests/ts/`config`, which reads `MIZAN_PAGE_OUT`) into `out`; its `app.js`."""
    shutil.rmtree(api, ignore_errors=True)
    generate(load_project("shop"), api, (target,))
    os.environ["MIZAN_PAGE_OUT"] = str(out)
    try:
        done = run_tool("vite", "build", "-c", config, timeout=180)
    finally:
        os.environ.pop("MIZAN_PAGE_OUT", None)
    assert done.returncode == 0, done.stdout + done.stderr
    return out / "app.js"


def serve_own_page(page: Page, path: str, title: str, script: Path) -> None:
    """Answer `/<path>/` at the page's origin with a bare document titled `title`
    whose module script is `script`, so the page talks to the real server with
    the session cookie and CSRF of that origin."""
    body = script.read_text(encoding="utf-8")
    html = (f"<!doctype html><title>{title}</title><div id='app'></div>"
            "<script type='module' src='app.js'></script>")

    def fulfil(route: Route) -> None:
        if route.request.url.endswith("/app.js"):
            route.fulfill(body=body, content_type="text/javascript")
        else:
            route.fulfill(body=html, content_type="text/html")

    page.route(f"**/{path}/*", fulfil)


def open_own_page(context: BrowserContext, path: str, title: str, script: Path) -> tuple[Page, Traffic]:
    """A target's own page (see `serve_own_page`) opened in `context`, once it
    shows the signed-in user, both carts and an open chat and has gone quiet,
    with its traffic watched from the start."""
    page = context.new_page()
    serve_own_page(page, path, title, script)
    traffic = Traffic().watch(page)
    page.goto(f"/{path}/")
    expect(page.get_by_test_id("user")).to_have_text("Signed in as demo")
    expect(page.get_by_test_id("cart-1")).to_have_text(re.compile(r"^1:\d+$"))
    expect(page.get_by_test_id("cart-2")).to_have_text(re.compile(r"^2:\d+$"))
    expect(page.get_by_test_id("chat-status")).to_have_text("open")
    settle(page)
    return page, traffic
