"""The generated Svelte 5 client in Chromium, on a small page of its own.

The page (tests/ts/live-svelte/page, bundled by Vite with the Svelte plugin)
is served at the demo shop's origin by intercepting its URL in the browser,
so it talks to the real server with the session cookie and CSRF, as a
Svelte app mounted by a Django template would: the signed-in user, a cart
re-fetched after adding to it while the other cart is left alone, and a
chat message over the channel's websocket.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.codegen._projects import TS
from tests.e2e.pages import build_own_page, open_own_page, settle

Shot = Callable[[Page, str], None]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_own_page("svelte", TS / "live-svelte" / "build" / "shop" / "api", "vite.svelte-page.config.ts",
                          tmp_path_factory.mktemp("svelte-page"))


def test_svelte_page_shows_the_user_refetches_one_cart_and_chats(
    own_page_signed_in: BrowserContext, bundle: Path, shot: Shot,
) -> None:
    page, traffic = open_own_page(own_page_signed_in, "svelte-page", "Mizan Svelte", bundle)
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
