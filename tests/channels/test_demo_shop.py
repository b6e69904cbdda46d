"""The demo shop does what users should copy (real uvicorn server, bearer auth):
bounded input, protocol errors, complete invalidation, owner-only receipts."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from tests.channels.conftest import post

SHIPPING = {"name": "Ann", "address": {"street": "1 Main St", "city": "Utrecht",
                                       "postalCode": "3511"}}


@pytest.mark.parametrize("price", ["1e30", "12.345", "-1", "NaN", "Infinity", "123456789.00"])
def test_set_price_refuses_what_the_column_cannot_hold(module_server, site_db, price):
    staff = site_db.users["alice"]["token"]
    status, body = post(module_server, "set_price", {"sku": "tea", "price": price}, staff)
    assert status == 400 and body["error"]["code"] == "invalid_arguments"
    assert body["error"]["details"][0]["field"] == "price"
    status, _ = post(module_server, "products", {"skus": ["tea"]}, staff)
    assert status == 200  # the product is still readable


def test_set_price_of_an_unknown_sku_is_not_found(module_server, site_db):
    status, body = post(module_server, "set_price", {"sku": "nope", "price": "1.00"},
                        site_db.users["alice"]["token"])
    assert status == 404 and body["error"]["code"] == "not_found"


def test_set_price_within_bounds_is_stored(module_server, site_db):
    status, body = post(module_server, "set_price", {"sku": "tea", "price": "4.50"},
                        site_db.users["alice"]["token"])
    assert status == 200 and body["result"]["price"]["amount"] == "4.50"


def test_set_note_invalidates_every_function_that_shows_the_note(module_server, site_db):
    token = site_db.users["bob"]["token"]
    status, body = post(module_server, "set_note", {"cart_id": 71, "note": "gift"}, token)
    assert status == 200
    # The cart shows the note, the summary sits beside it: both are re-fetched.
    assert {entry["target"] for entry in body["invalidate"]} == {"cart", "cart_summary"}
    _, cart = post(module_server, "cart", {"cart_id": 71}, token)
    assert cart["result"]["note"] == "gift"


def _receipt(server, order_id: int, token: str) -> int:
    request = urllib.request.Request(f"{server.http}/receipt/{order_id}/",
                                     headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _order(server, token: str, cart_id: int) -> int:
    post(server, "add_item", {"cart_id": cart_id, "sku": "tea"}, token)
    status, body = post(server, "checkout", {"cart_id": cart_id, "shipping": SHIPPING}, token)
    assert status == 200, body
    return int(body["result"]["order_id"])


def test_a_receipt_is_shown_to_its_owner_and_staff_only(module_server, site_db):
    alice, bob = site_db.users["alice"]["token"], site_db.users["bob"]["token"]
    alices = _order(module_server, alice, 81)
    bobs = _order(module_server, bob, 82)
    assert _receipt(module_server, bobs, bob) == 200
    assert _receipt(module_server, alices, bob) == 404  # not bob's: not even its existence
    assert _receipt(module_server, bobs, alice) == 200  # staff
    assert _receipt(module_server, alices, alice) == 200
