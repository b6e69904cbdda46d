"""The cache key reads an argument in full: a secret inside a dataclass counts
(``mizan_django.contexts._identity``; pydantic's JSON form would mask it, and two
different secrets would share one cached value)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.http import HttpRequest
from django.test import Client
from pydantic import SecretStr

from mizan_core import client, default_registry, register
from tests.django.conftest import get

pytestmark = pytest.mark.django_db

COMPUTED: list[str] = []


@dataclass
class Door:
    code: SecretStr


@client(context="t_vault")
def vault(request: HttpRequest, door: Door, keys: set[str]) -> str:
    answer = f"{door.code.get_secret_value()}:{','.join(sorted(keys))}"
    COMPUTED.append(answer)
    return answer


@pytest.fixture(autouse=True)
def _registered() -> Iterator[None]:
    register(vault, "t_vault")
    COMPUTED.clear()
    yield
    default_registry.unregister("t_vault")


def opened(code: str, keys: list[str]) -> str:
    query = urlencode({"door": json.dumps({"code": code}), "keys": json.dumps(keys)})
    response = get(Client(), "t_vault", query)
    assert response.status_code == 200, response.content
    return str(json.loads(response.content)["result"])


def test_a_secret_inside_a_dataclass_is_part_of_the_key(cache_backend: str) -> None:
    assert opened("right", ["a"]) == "right:a"
    assert opened("wrong", ["a"]) == "wrong:a"  # not the value cached for "right"

