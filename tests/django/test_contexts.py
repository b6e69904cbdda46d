"""Who a cached context value belongs to (``mizan_django.contexts.principal_of``),
against Django's cache and a real Redis (``cache_backend``)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import transaction

from tests.django.conftest import get, logged_in
from tests.django.testapp.clients import CALLS

pytestmark = pytest.mark.django_db


def whoami(user: Any) -> str:
    response = get(logged_in(user), "whoami")
    assert response.status_code == 200, response.content
    return str(json.loads(response.content)["result"]["username"])


def test_a_reused_primary_key_is_not_served_the_previous_users_value(
    cache_backend: str, django_user_model: Any
) -> None:
    # As between two tests of a suite: alice's rows roll back, the cache does not.
    with transaction.atomic():
        alice = django_user_model.objects.create_user("alice", password="pw")
        assert whoami(alice) == "alice"
        transaction.set_rollback(True)
    bob = django_user_model.objects.create_user("bob", password="pw")
    assert bob.pk == alice.pk  # SQLite hands the rolled-back key out again
    assert whoami(bob) == "bob"


def test_a_password_change_is_a_new_cache_entry(
    cache_backend: str, django_user_model: Any
) -> None:
    alice = django_user_model.objects.create_user("alice", password="pw")
    whoami(alice)
    whoami(alice)
    assert CALLS["whoami"] == 1
    alice.set_password("new password")
    alice.save()
    whoami(alice)
    assert CALLS["whoami"] == 2  # values cached for the old credentials are not reused
