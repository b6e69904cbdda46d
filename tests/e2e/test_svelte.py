"""The generated Svelte 5 client in Chromium, on a small page of its own.

The page (tests/ts/live-svelte/page, bundled by Vite with the Svelte plugin)
is served at the demo shop's origin by intercepting its URL in the browser,
so it talks to the real server with the session cookie and CSRF, as a
Svelte app mounted by a Django template would: the signed-in user, a cart
re-fetched after adding to it while the other cart is left alone, and a
chat message over the channel's websocket.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route, expect

from mizan_core.codegen import generate
from tests.codegen._projects import TS, load_project
from tests.codegen._tsc import run_tool
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.e2e.pages import Traffic, log_in, settle

Shot = Callable[[Page, str], None]
PAGE = "<!doctype html><title>Mizan Svelte</title><div id='app'></div><script type='module' src='app.js'></script>"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    api = TS / "live-svelte" / "build" / "shop" / "api"
    shutil.rmtree(api, ignore_errors=True)
    generate(load_project("shop"), api, ("svelte",))
    out = tmp_path_factory.mktemp("svelte-page")
    os.environ["MIZAN_PAGE_OUT"] = str(out)
    try:
        done = run_tool("vite", "build", "-c", "vite.svelte-page.config.ts", timeout=180)
    finally:
        os.environ.pop("MIZAN_PAGE_OUT", None)
    assert done.returncode == 0, done.stdout + done.stderr
    return out / "app.js"


@pytest.fixture(scope="module")
def svelte_browser(playwright: Playwright) -> Iterator[Browser]:
    # A page the browser serves itself (route.fulfill) has no address, so
    # Chromium counts it as public and blocks its websockets to the loopback
    # server (Local Network Access); a page the server sent would be local.
    args = [*CHROMIUM_ARGS, "--disable-features=LocalNetworkAccessChecks"]
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
    yield browser
    browser.close()


@pytest.fixture
def signed_in(svelte_browser: Browser, shop_url: str) -> Iterator[BrowserContext]:
    context = svelte_browser.new_context(base_url=shop_url, viewport={"width": 1000, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    log_in(page)
    page.close()
    yield context
    context.close()


def _serve(page: Page, bundle: Path) -> None:
    def fulfil(route: Route) -> None:
        if route.request.url.endswith("/app.js"):
            route.fulfill(body=bundle.read_text(encoding="utf-8"), content_type="text/javascript")
        else:
            route.fulfill(body=PAGE, content_type="text/html")

    page.route("**/svelte-page/*", fulfil)


def test_svelte_page_shows_the_user_refetches_one_cart_and_chats(
    signed_in: BrowserContext, bundle: Path, shot: Shot,
) -> None:
    page = signed_in.new_page()
    _serve(page, bundle)
    traffic = Traffic().watch(page)
    page.goto("/svelte-page/")
    expect(page.get_by_test_id("user")).to_have_text("Signed in as demo")
    expect(page.get_by_test_id("cart-1")).to_have_text(re.compile(r"^1:\d+$"))
    expect(page.get_by_test_id("cart-2")).to_have_text(re.compile(r"^2:\d+$"))
    expect(page.get_by_test_id("chat-status")).to_have_text("open")
    settle(page)
    before = page.get_by_test_id("cart-1").inner_text()
    traffic.clear()

    page.get_by_test_id("add-tea-1").click()
    expect(page.get_by_test_id("cart-1")).not_to_have_text(before)
    settle(page)
    assert traffic.calls("add_item") == [("POST", {"cart_id": 1, "sku": "tea"})]
    assert traffic.calls("cart", cart_id=1) == [("GET", {"cart_id": 1})]
    assert traffic.calls("cart", cart_id=2) == []

    chat = page.get_by_test_id("chat")
    chat.locator("[name=chat]").fill("Hello from Svelte")
    chat.get_by_role("button", name="Say").click()
    expect(page.get_by_test_id("chat-messages").locator("li")).to_have_text(["demo: Hello from Svelte"])
    shot(page, "10-svelte-page")
