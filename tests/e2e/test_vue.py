"""The demo shop's Vue client (`targets = ["vue"]`) in Chromium, against the
shop as ``make demo`` serves it.

The page is the shop's own, as its Django view renders it (with
``{% mizan_hydration %}`` for the signed-in demo user), with one change:
Playwright answers the request for the React bundle with tests/e2e/vue_app.ts
bundled by esbuild over the demo's generated Vue output. So the Vue client
runs in the real document, on the shop's origin, with its session cookie and
CSRF token. (A document Playwright made up itself would not do: Chromium's
local network access checks treat it as public and refuse its websockets to
the loopback server.)
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect

from mizan_core.codegen import render, write_output
from tests.codegen._projects import TS, load_project
from tests.codegen._tsc import node_tool
from tests.e2e.pages import Traffic, settle

HERE = Path(__file__).resolve().parent
Shot = Callable[[Page, str], None]


@pytest.fixture(scope="session")
def vue_bundle(tmp_path_factory: pytest.TempPathFactory) -> str:
    work = TS / "build" / "vue-e2e"
    shutil.rmtree(work, ignore_errors=True)
    write_output(render(load_project("shop"), ("vue",)), work / "api")
    shutil.copy(HERE / "vue_app.ts", work / "app.ts")
    out = tmp_path_factory.mktemp("vue") / "app.js"
    done = subprocess.run(
        [str(node_tool("esbuild")), str(work / "app.ts"), "--bundle", "--format=esm", f"--outfile={out}",
         '--define:process.env.NODE_ENV="production"', "--define:__VUE_OPTIONS_API__=true",
         "--define:__VUE_PROD_DEVTOOLS__=false", "--define:__VUE_PROD_HYDRATION_MISMATCH_DETAILS__=false"],
        cwd=TS, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return out.read_text(encoding="utf-8")


@pytest.fixture
def vue_page(logged_in: BrowserContext, shop_url: str, vue_bundle: str) -> Page:
    page = logged_in.new_page()

    def serve(route: Route) -> None:
        route.fulfill(content_type="text/javascript", body=vue_bundle)

    page.route(f"{shop_url}/static/assets/*.js", serve)
    page.on("pageerror", lambda error: pytest.fail(f"the Vue page threw: {error}"))
    return page


def test_vue_page_hydrates_refetches_cart_1_only_shows_form_errors_and_chats(vue_page: Page, shot: Shot) -> None:
    page = vue_page
    traffic = Traffic().watch(page)
    page.goto("/")
    expect(page.get_by_test_id("vue")).to_be_visible()  # the Vue app, not the React one
    expect(page.get_by_test_id("user")).to_have_text("Signed in as demo")
    expect(page.get_by_test_id("cart-2-count")).to_contain_text("item(s)")
    settle(page)
    assert traffic.calls("current_user") == []  # read from the page's hydration
    before = page.get_by_test_id("cart-1-count").inner_text()
    traffic.clear()

    page.get_by_test_id("add-tea-1").click()
    expect(page.get_by_test_id("cart-1-count")).not_to_have_text(before)
    settle(page)
    shot(page, "vue-01-cart-1-added")
    assert traffic.calls("add_item") == [("POST", {"cart_id": 1, "sku": "tea"})]
    assert traffic.calls("cart_summary", cart_id=1) == [("GET", {"cart_id": 1})]
    assert traffic.calls("cart_summary", cart_id=2) == []

    form = page.get_by_test_id("contact")
    form.locator("[name=name]").fill("Ada")
    form.locator("[name=email]").fill("ada-at-example")
    form.locator("[name=message]").fill("Where is my parcel, please?")
    form.get_by_role("button", name="Send").click()
    expect(page.get_by_test_id("error-email")).to_have_text("Enter a valid email address.")
    assert traffic.calls("contact.submit") == []  # Zod refused it in the browser
    form.locator("[name=email]").fill("ada@example.com")
    form.get_by_role("button", name="Send").click()
    expect(page.get_by_test_id("error-order_id")).to_have_text("Tell us which order this is about.")
    shot(page, "vue-02-contact-server-error")
    assert len(traffic.calls("contact.submit")) == 1

    chat = page.get_by_test_id("chat")
    expect(page.get_by_test_id("chat-status")).to_have_text("open")
    chat.locator("[name=chat]").fill("Kettle is on")
    chat.get_by_role("button", name="Say").click()
    expect(page.get_by_test_id("chat-messages").locator("li")).to_have_text(["demo: Kettle is on"])
    shot(page, "vue-03-chat")
