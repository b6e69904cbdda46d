"""The generated react-query (TanStack Query v5) client in Chromium, on a small page of its own.

The page (tests/ts/live-react-query/page, bundled by Vite) owns its
QueryClient and mounts `<MizanQueryProvider>` inside its
QueryClientProvider; it is served at the demo shop's origin by intercepting
its URL in the browser, so it talks to the real server with the session
cookie and CSRF: the signed-in user, cart 1 re-fetched after adding to it
while cart 2's cached query is left alone, and a chat message over the
channel's websocket. The browser and the signed-in context are the Svelte
page's (test_svelte.py).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect

from mizan_core.codegen import generate
from tests.codegen._projects import TS, load_project
from tests.codegen._tsc import run_tool
from tests.e2e.pages import Traffic, settle
from tests.e2e.test_svelte import signed_in, svelte_browser  # noqa: F401  (fixtures)

Shot = Callable[[Page, str], None]
PAGE = ("<!doctype html><title>Mizan react-query</title><div id='app'></div>"
        "<script type='module' src='app.js'></script>")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    api = TS / "build-react-query" / "shop" / "api"
    shutil.rmtree(api, ignore_errors=True)
    generate(load_project("shop"), api, ("react-query",))
    out = tmp_path_factory.mktemp("react-query-page")
    os.environ["MIZAN_PAGE_OUT"] = str(out)
    try:
        done = run_tool("vite", "build", "-c", "vite.react-query-page.config.ts", timeout=180)
    finally:
        os.environ.pop("MIZAN_PAGE_OUT", None)
    assert done.returncode == 0, done.stdout + done.stderr
    return out / "app.js"


def test_react_query_page_refetches_one_cart_and_leaves_the_other_cached(
    signed_in: BrowserContext, bundle: Path, shot: Shot,  # noqa: F811
) -> None:
    page = signed_in.new_page()
    script = bundle.read_text(encoding="utf-8")

    def fulfil(route: Route) -> None:
        if route.request.url.endswith("/app.js"):
            route.fulfill(body=script, content_type="text/javascript")
        else:
            route.fulfill(body=PAGE, content_type="text/html")

    page.route("**/react-query-page/*", fulfil)
    traffic = Traffic().watch(page)
    page.goto("/react-query-page/")
    expect(page.get_by_test_id("user")).to_have_text("Signed in as demo")
    expect(page.get_by_test_id("cart-1")).to_have_text(re.compile(r"^1:\d+$"))
    expect(page.get_by_test_id("cart-2")).to_have_text(re.compile(r"^2:\d+$"))
    expect(page.get_by_test_id("chat-status")).to_have_text("open")
    settle(page)
    before = page.get_by_test_id("cart-1").inner_text()
    fetched = {n: page.get_by_test_id(f"cart-{n}-fetched").inner_text() for n in (1, 2)}
    traffic.clear()

    page.get_by_test_id("add-tea-1").click()
    expect(page.get_by_test_id("cart-1")).not_to_have_text(before)
    settle(page)
    assert traffic.calls("add_item") == [("POST", {"cart_id": 1, "sku": "tea"})]
    assert traffic.calls("cart", cart_id=1) == [("GET", {"cart_id": 1})]
    assert traffic.calls("cart", cart_id=2) == []
    assert page.get_by_test_id("cart-1-fetched").inner_text() != fetched[1]
    assert page.get_by_test_id("cart-2-fetched").inner_text() == fetched[2]

    chat = page.get_by_test_id("chat")
    chat.locator("[name=chat]").fill("Hello from TanStack Query")
    chat.get_by_role("button", name="Say").click()
    expect(page.get_by_test_id("chat-messages").locator("li")).to_have_text(["demo: Hello from TanStack Query"])
    shot(page, "11-react-query-page")
