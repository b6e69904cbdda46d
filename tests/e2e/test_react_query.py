"""The generated react-query (TanStack Query v5) client in Chromium, on a small page of its own.

The page (tests/ts/live-react-query/page, bundled by Vite) owns its
QueryClient and mounts `<MizanQueryProvider>` inside its
QueryClientProvider; it is served at the demo shop's origin by intercepting
its URL in the browser, so it talks to the real server with the session
cookie and CSRF: the signed-in user, cart 1 re-fetched after adding to it
while cart 2's cached query is left alone, and a chat message over the
channel's websocket.
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
    return build_own_page("react-query", TS / "build-react-query" / "shop" / "api", "vite.react-query-page.config.ts",
                          tmp_path_factory.mktemp("react-query-page"))


def test_react_query_page_refetches_one_cart_and_leaves_the_other_cached(
    own_page_signed_in: BrowserContext, bundle: Path, shot: Shot,
) -> None:
    page, traffic = open_own_page(own_page_signed_in, "react-query-page", "Mizan react-query", bundle)
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
