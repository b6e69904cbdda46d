"""The demo shop's React app, step by step, as a user meets it in Chromium.

Each test counts the Mizan requests the page made (HTTP calls and websocket
frames, see ``Traffic``) and keeps a screenshot of the step.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.pages import Traffic, log_in, settle

Shot = Callable[[Page, str], None]


def test_logged_in_user_shows_from_the_page_without_fetching_current_user(
    anonymous: BrowserContext, shot: Shot,
) -> None:
    page = anonymous.new_page()
    traffic = Traffic().watch(page)
    page.goto("/login/")
    shot(page, "01-login")
    log_in(page)
    expect(page.get_by_test_id("user")).to_contain_text("Signed in as demo")
    settle(page)
    shot(page, "02-hydrated-user")
    assert traffic.calls("current_user") == []  # the template's {% mizan_hydration %} carried it


def test_adding_to_cart_1_refetches_cart_1_and_not_cart_2(
    logged_in: BrowserContext, shot: Shot,
) -> None:
    page = logged_in.new_page()
    traffic = Traffic().watch(page)
    page.goto("/")
    expect(page.get_by_test_id("add-tea-1")).to_be_visible()
    expect(page.get_by_test_id("cart-2-count")).to_be_visible()
    settle(page)
    before = page.get_by_test_id("cart-1-count").inner_text()
    traffic.clear()

    page.get_by_test_id("add-tea-1").click()
    expect(page.get_by_test_id("cart-1-count")).not_to_have_text(before)
    settle(page)
    shot(page, "03-cart-1-added")

    assert traffic.calls("add_item") == [("POST", {"cart_id": 1, "sku": "tea"})]
    assert traffic.calls("cart", cart_id=1) == [("GET", {"cart_id": 1})]
    assert traffic.calls("cart_summary", cart_id=1) == [("GET", {"cart_id": 1})]
    assert traffic.calls("cart", cart_id=2) == []
    assert traffic.calls("cart_summary", cart_id=2) == []


def test_contact_form_zod_error_then_server_error_then_success(
    anonymous: BrowserContext, shot: Shot,
) -> None:
    page = anonymous.new_page()
    traffic = Traffic().watch(page)
    page.goto("/")
    form = page.get_by_test_id("contact")
    form.locator("[name=name]").fill("Ada")
    form.locator("[name=email]").fill("ada-at-example")
    form.locator("[name=message]").fill("Where is my parcel, please?")
    settle(page)
    traffic.clear()

    form.get_by_role("button", name="Send").click()
    expect(page.get_by_test_id("error-email")).to_have_text("Enter a valid email address.")
    settle(page)
    shot(page, "04-contact-zod-error")
    assert traffic.calls("contact.submit") == []  # Zod refused it in the browser

    form.locator("[name=email]").fill("ada@example.com")
    form.get_by_role("button", name="Send").click()
    # topic "order" without an order id: only the form's clean() knows that rule
    expect(page.get_by_test_id("error-order_id")).to_have_text(
        "Tell us which order this is about.")
    expect(page.get_by_test_id("error-email")).to_have_count(0)
    shot(page, "05-contact-server-error")
    assert len(traffic.calls("contact.submit")) == 1

    form.locator("[name=order_id]").fill("7")
    form.get_by_role("button", name="Send").click()
    expect(page.get_by_test_id("contact-sent")).to_be_visible()
    expect(page.get_by_test_id("error-order_id")).to_have_count(0)
    shot(page, "06-contact-sent")
    assert len(traffic.calls("contact.submit")) == 2


def test_chat_pages_in_one_room_hear_each_other_and_another_room_hears_nothing(
    logged_in: BrowserContext, shot: Shot,
) -> None:
    first, second, elsewhere = (logged_in.new_page() for _ in range(3))
    first.goto("/?room=kitchen")
    second.goto("/?room=kitchen")
    elsewhere.goto("/?room=garden")
    for page in (first, second, elsewhere):
        expect(page.get_by_test_id("chat-status")).to_have_text("open")

    def say(page: Page, text: str) -> None:
        chat = page.get_by_test_id("chat")
        chat.locator("[name=chat]").fill(text)
        chat.get_by_role("button", name="Say").click()

    say(first, "Kettle is on")
    say(second, "Two sugars, please")
    say(elsewhere, "Roses need water")
    for page in (first, second):
        messages = page.get_by_test_id("chat-messages").locator("li")
        expect(messages).to_have_text(["demo: Kettle is on", "demo: Two sugars, please"])
    expect(elsewhere.get_by_test_id("chat-messages").locator("li")).to_have_text(
        ["demo: Roses need water"])
    settle(first)
    shot(first, "07-chat-kitchen-first")
    shot(second, "08-chat-kitchen-second")
    shot(elsewhere, "09-chat-garden")


def test_websocket_function_is_called_over_the_socket(
    logged_in: BrowserContext, shot: Shot,
) -> None:
    page = logged_in.new_page()
    traffic = Traffic().watch(page)
    page.goto("/")
    expect(page.get_by_test_id("chat-status")).to_have_text("open")
    settle(page)

    page.get_by_test_id("stock").click()
    expect(page.get_by_test_id("stock-result")).to_have_text(re.compile(r"^\d+ left$"))
    shot(page, "10-websocket-call")
    assert traffic.calls("live_stock") == []  # no HTTP request for it
    sent = [f for f in traffic.frames if f.get("name") == "live_stock"]
    assert len(sent) == 1 and sent[0]["url"].endswith("/ws/mizan/rpc")  # type: ignore[union-attr]
    assert sent[0]["args"] == {"sku": "tea"}


def test_anonymous_page_is_refused_the_staff_only_function(
    anonymous: BrowserContext, shot: Shot,
) -> None:
    page = anonymous.new_page()
    traffic = Traffic().watch(page)
    page.goto("/")
    expect(page.get_by_test_id("user")).to_contain_text("Not signed in")

    page.get_by_test_id("set-price").click()
    expect(page.get_by_test_id("set-price-error")).to_have_text(
        "401 unauthenticated: authentication required")  # docs/protocol.md, "Errors" and "auth="
    shot(page, "11-staff-only-refused")
    assert [method for method, _ in traffic.calls("set_price")] == ["POST"]


def test_another_users_change_shows_on_an_open_page_without_a_reload(
    logged_in: BrowserContext, browser: Browser, shop_url: str, shot: Shot,
) -> None:
    """The demo user adds tea to cart 1; an anonymous visitor's open page of the
    same cart shows it, pushed over the socket and re-fetched, with no reload;
    its cart 2 is not fetched again."""
    visitor_context = browser.new_context(base_url=shop_url)
    visitor_context.set_default_timeout(10_000)
    try:
        visitor = visitor_context.new_page()
        traffic = Traffic().watch(visitor)
        visitor.goto("/")
        cart_1 = {"context": "cart", "args": {"cart_id": 1}}
        expect(visitor.get_by_test_id("cart-1-count")).to_be_visible()
        for _ in range(100):
            if cart_1 in traffic.subscribed():
                break
            visitor.wait_for_timeout(100)
        assert cart_1 in traffic.subscribed(), traffic.frames
        settle(visitor)
        visitor.evaluate("window.__mizanStillHere = true")  # gone if the page reloads
        before = visitor.get_by_test_id("cart-1-count").inner_text()
        traffic.clear()

        shopper = logged_in.new_page()
        shopper.goto("/")
        shopper.get_by_test_id("add-tea-1").click()

        expect(visitor.get_by_test_id("cart-1-count")).not_to_have_text(before)
        settle(visitor)
        shot(visitor, "07-live-cart-1-from-another-user")
        assert visitor.evaluate("window.__mizanStillHere") is True
        assert {"invalidate": [{"kind": "context", "target": "cart", "scope": {"cart_id": 1}}]} \
            in [{k: v for k, v in f.items() if k != "url"} for f in traffic.received]
        assert traffic.calls("cart", cart_id=1) == [("GET", {"cart_id": 1})]
        assert traffic.calls("cart", cart_id=2) == []
        assert traffic.calls("add_item") == []  # the visitor did nothing itself
    finally:
        visitor_context.close()
