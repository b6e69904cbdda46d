"""The demo's ContactForm and a ModelForm end to end over HTTP (real uvicorn server),
through the same pipeline as every function: bearer auth, CSRF, error shape."""

from __future__ import annotations

import urllib.request

from tests.channels.conftest import get, post

MESSAGE = "Where is my parcel? It is late."


def test_contact_schema_lists_the_demo_fields(module_server, site_db):
    status, body = post(module_server, "contact.schema", {}, site_db.users["bob"]["token"])
    assert status == 200 and body["invalidate"] == []
    schema = body["result"]
    assert (schema["title"], schema["submit_label"]) == ("Contact Us", "Send")
    assert [f["name"] for f in schema["fields"]] == [
        "name", "email", "topic", "order_id", "message", "subscribe"]


def test_contact_validate_and_submit_both_paths(module_server, site_db):
    token = site_db.users["bob"]["token"]
    _, verdict = post(module_server, "contact.validate",
                      {"name": "Ann", "email": "bad", "topic": "order", "message": "short"}, token)
    assert verdict["result"] == {
        "valid": False,
        "errors": {"email": ["Enter a valid email address."],
                   "message": ["Ensure this value has at least 10 characters (it has 5)."],
                   "order_id": ["Tell us which order this is about."]},
        "non_field_errors": []}
    status, refused = post(module_server, "contact.submit",
                           {"name": "Ann", "email": "a@b.example", "topic": "order",
                            "message": MESSAGE}, token)
    assert status == 400 and refused["error"]["code"] == "invalid_form"
    assert refused["error"]["details"]["errors"] == {
        "order_id": ["Tell us which order this is about."]}
    status, sent = post(module_server, "contact.submit",
                        {"name": "Ann", "email": "a@b.example", "topic": "order", "order_id": 7,
                         "message": MESSAGE}, token)
    assert (status, sent["result"]) == (200, {"sent": True})


def test_a_form_post_with_a_session_cookie_needs_csrf(module_server, site_db):
    request = urllib.request.Request(
        f"{module_server.http}/api/mizan/call/contact.validate", data=b"{}", method="POST",
        headers={"Content-Type": "application/json",
                 "Cookie": f"sessionid={site_db.users['bob']['session']}"})
    try:
        urllib.request.urlopen(request, timeout=10)
        raise AssertionError("a cookie POST without a CSRF token was accepted")
    except urllib.error.HTTPError as error:
        assert error.code == 403


def test_model_form_submit_creates_the_row(module_server, site_db):
    token = site_db.users["alice"]["token"]
    args = {"sku": "mug", "name": "Mug", "kind": "physical", "price": "7.50", "stock": 4}
    status, body = post(module_server, "product_form.submit", args, token)
    assert (status, body["result"]) == (200, "mug")
    assert get(module_server, "stock_level", 'sku="mug"')[1]["result"] == 4
    status, again = post(module_server, "product_form.submit", args, token)
    assert status == 400
    assert again["error"]["details"]["errors"] == {"sku": ["Product with this Sku already exists."]}
