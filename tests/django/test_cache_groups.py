"""A user's groups are part of who asks: moving them to another group gives them
the other group's value at once, not the cached one (``mizan_django.contexts``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django.test import Client

from mizan_core import client, default_registry, register
from tests.django.conftest import get

pytestmark = pytest.mark.django_db


@client(context="t_membership")
def my_groups(request: HttpRequest) -> list[str]:
    return sorted(group.name for group in request.user.groups.all())


@pytest.fixture(autouse=True)
def _registered() -> Iterator[None]:
    register(my_groups, "t_my_groups")
    yield
    default_registry.unregister("t_my_groups")


def test_moving_to_another_group_is_seen_at_once(users: dict[str, Any], cache_backend: str) -> None:
    buyers, sellers = Group.objects.create(name="buyers"), Group.objects.create(name="sellers")
    alice = users["alice"]
    c = Client()
    c.force_login(alice)
    alice.groups.add(buyers)

    def groups() -> Any:
        response = get(c, "t_my_groups")
        assert response.status_code == 200, response.content
        return json.loads(response.content)["result"]

    assert groups() == groups() == ["buyers"]
    alice.groups.remove(buyers)
    alice.groups.add(sellers)
    assert groups() == ["sellers"]
    alice.groups.remove(sellers)
    assert groups() == []
