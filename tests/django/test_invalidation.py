"""The server-side purge (``mizan_django.invalidation.purge``) inside and outside a
database transaction, against Django's cache and a real Redis (``cache_backend``)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, TestCase

from tests.django.conftest import call, get
from tests.django.testapp.clients import CALLS


def result(response: Any) -> Any:
    assert response.status_code == 200, response.content
    return json.loads(response.content)["result"]


@pytest.mark.django_db  # the test runs inside a transaction that never commits
def test_mutation_purges_inside_a_transaction_that_never_commits(cache_backend: str) -> None:
    c = Client()
    assert result(get(c, "cart", "cart_id=42"))["items"] == []
    result(call(c, "add_item", {"cart_id": 42, "sku": "tea"}))
    assert result(get(c, "cart", "cart_id=42"))["items"] == ["tea"]
    assert CALLS["cart:42"] == 2


@pytest.mark.django_db(transaction=True)
def test_value_computed_before_commit_is_purged_again_on_commit(cache_backend: str) -> None:
    c = Client()
    result(get(c, "cart", "cart_id=7"))
    with transaction.atomic():  # ATOMIC_REQUESTS, or a mutation inside the caller's block
        result(call(c, "add_item", {"cart_id": 7, "sku": "jam"}))
        # a reader before the commit recomputes (first purge) and caches what it saw
        assert result(get(c, "cart", "cart_id=7"))["computed"] == 2
        assert result(get(c, "cart", "cart_id=7"))["computed"] == 2  # cached
    # the commit purges again, so nothing computed from pre-commit data survives
    assert result(get(c, "cart", "cart_id=7"))["computed"] == 3


@pytest.mark.django_db(transaction=True)
def test_mutation_outside_a_transaction_purges_at_once(cache_backend: str) -> None:
    c = Client()
    result(get(c, "cart", "cart_id=3"))
    result(call(c, "add_item", {"cart_id": 3, "sku": "egg"}))
    assert result(get(c, "cart", "cart_id=3"))["items"] == ["egg"]
    assert result(get(c, "cart", "cart_id=3"))["computed"] == 2  # purged once, then cached


class PurgeInDjangoTestCase(TestCase):
    """The reported case verbatim: Django's ``TestCase`` never commits."""

    def test_get_mutate_get_sees_the_mutation(self) -> None:
        c = Client()
        self.assertEqual(result(get(c, "cart", "cart_id=42"))["items"], [])
        result(call(c, "add_item", {"cart_id": 42, "sku": "tea"}))
        self.assertEqual(result(get(c, "cart", "cart_id=42"))["items"], ["tea"])

    def test_the_commit_purges_once_more(self) -> None:
        c = Client()
        result(get(c, "cart", "cart_id=8"))
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            result(call(c, "add_item", {"cart_id": 8, "sku": "tea"}))
            between = result(get(c, "cart", "cart_id=8"))  # before the commit
        self.assertEqual((between["items"], between["computed"]), (["tea"], 2))
        self.assertEqual(len(callbacks), 1)  # one purge waits for the commit
        self.assertEqual(result(get(c, "cart", "cart_id=8"))["computed"], 3)
