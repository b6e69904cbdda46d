"""The invalidation manifest: golden for the demo, valid against its shipped
JSON Schema, and enough on its own for an edge cache to purge exactly."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from mizan_core.export import MANIFEST_SCHEMA_PATH, dumps_manifest, manifest

from ._projects import load, project_ids, shop_ir
from .conftest import LiveShop

GOLDEN = Path(__file__).parent / "golden" / "shop.manifest.json"
REGENERATE = ("mizan ir --format manifest --no-cache "
              "-o tests/export/golden/shop.manifest.json examples/shop")


def schema_validator() -> Draft202012Validator:
    schema = json.loads(MANIFEST_SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_demo_manifest_is_the_golden_one() -> None:
    assert dumps_manifest(shop_ir()) == GOLDEN.read_text(encoding="utf-8"), \
        f"the demo's manifest changed: regenerate it with `{REGENERATE}` and review the diff"


@pytest.mark.parametrize("name", project_ids())
def test_every_manifest_validates_against_the_shipped_schema(name: str) -> None:
    errors = [e.message for e in schema_validator().iter_errors(manifest(load(name)))]
    assert not errors


def test_the_schema_refuses_what_is_not_a_manifest() -> None:
    doc = manifest(shop_ir())
    broken = json.loads(json.dumps(doc))
    del broken["mutations"][0]["invalidates"][0]["purge"][0]["match"]
    assert list(schema_validator().iter_errors(broken))
    assert list(schema_validator().iter_errors({**doc, "version": 2}))


def test_demo_entries() -> None:
    doc = manifest(shop_ir())
    mutations = {m["name"]: m for m in doc["mutations"]}
    assert set(mutations) == {"add_item", "checkout", "purge_carts", "receipt", "set_note",
                              "set_price"}
    (cart,) = mutations["add_item"]["invalidates"]
    assert cart["scope"] == ["cart_id"]
    assert [(p["get"], p["match"]) for p in cart["purge"]] == [
        ("/api/mizan/call/cart", ["cart_id"]), ("/api/mizan/call/cart_summary", ["cart_id"])]
    assert [p["match"] for p in mutations["purge_carts"]["invalidates"][0]["purge"]] == [[], []]
    receipt = mutations["receipt"]  # a view path: listed, and it invalidates nothing
    assert receipt["route"] == "/receipt/{order_id}/" and receipt["invalidates"] == []
    contexts = {c["name"]: c for c in doc["contexts"]}
    assert contexts["cart"]["params"] == ["cart_id"]
    assert [(f["get"], f["keys"]) for f in contexts["cart"]["functions"]] == [
        ("/api/mizan/call/cart", ["cart_id"]), ("/api/mizan/call/cart_summary", ["cart_id"])]


# --- an edge cache that knows only the manifest ---------------------------------------

def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return json.loads(answer.read())["result"]


def _post(url: str, args: dict[str, Any]) -> Any:
    request = urllib.request.Request(url, data=json.dumps(args).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


class EdgeCache:
    """Caches GET answers by URL; purges by the manifest's entries alone."""

    def __init__(self, origin: str, doc: dict[str, Any]) -> None:
        self.origin, self.doc = origin, doc
        self.stored: dict[str, Any] = {}

    def url(self, path: str, **query: Any) -> str:
        encoded = urllib.parse.urlencode({k: json.dumps(v) for k, v in query.items()})
        return f"{path}?{encoded}" if encoded else path

    def get(self, url: str) -> Any:
        if url not in self.stored:
            self.stored[url] = _get(self.origin + url)
        return self.stored[url]

    def mutate(self, name: str, args: dict[str, Any]) -> list[str]:
        """POST the mutation, then drop what the manifest says it invalidated."""
        (entry,) = [m for m in self.doc["mutations"] if m["name"] == name]
        _post(self.origin + entry["path"], args)
        purged = []
        for invalidation in entry["invalidates"]:
            for purge in invalidation["purge"]:
                for url in list(self.stored):
                    path, _, query = url.partition("?")
                    values = dict(urllib.parse.parse_qsl(query))
                    if path == purge["get"] and all(values.get(k) == json.dumps(args[k])
                                                    for k in purge["match"]):
                        del self.stored[url]
                        purged.append(url)
        return purged


def test_an_edge_cache_purges_exactly_by_following_the_manifest(live_shop: LiveShop) -> None:
    doc = json.loads(GOLDEN.read_text(encoding="utf-8"))
    edge = EdgeCache(live_shop.url, doc)
    cart, summary = (f["get"] for f in next(c for c in doc["contexts"]
                                            if c["name"] == "cart")["functions"])
    user = next(c for c in doc["contexts"] if c["name"] == "global")["functions"][0]["get"]
    urls = [edge.url(cart, cart_id=1), edge.url(summary, cart_id=1), edge.url(cart, cart_id=2),
            edge.url(summary, cart_id=2), edge.url(user)]
    before = {url: edge.get(url) for url in urls}
    assert before[urls[0]]["lines"] == []

    purged = edge.mutate("add_item", {"cart_id": 1, "sku": "tea", "quantity": 2})

    assert sorted(purged) == sorted(urls[:2])  # cart 1's two functions, nothing else
    after = {url: edge.get(url) for url in urls}
    assert [line["sku"] for line in after[urls[0]]["lines"]] == ["tea"]
    assert after[urls[1]]["item_count"] == 2 != before[urls[1]]["item_count"]
    # Kept by the edge, and the origin agrees: its own cache kept them too (an empty
    # cart's updated_at is the time it was computed, so a recomputation would differ).
    for url in urls[2:]:
        assert after[url] == before[url] == _get(live_shop.url + url)


def test_a_form_submit_that_declares_affects_is_a_mutation_of_the_manifest() -> None:
    # fx_forms' support.feedback form: affects=["ratings", rating_count]
    doc = manifest(load("projects/forms_channels"))
    submit = next(m for m in doc["mutations"] if m["name"] == "support.feedback.submit")
    assert submit["path"] == "/api/mizan/call/support.feedback.submit"
    assert [(i["kind"], i["target"]) for i in submit["invalidates"]] == \
        [("context", "ratings"), ("function", "rating_count")]
    assert all(i["purge"] for i in submit["invalidates"])  # each names what to purge
