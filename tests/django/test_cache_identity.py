"""The cache key reads an argument in full: a secret inside a dataclass counts
(``mizan_django.contexts._identity``; pydantic's JSON form would mask it, and two
different secrets would share one cached value), and so does each item of a set or
a list."""

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
def vault(request: HttpRequest, door: Door, keys: set[str], log: list[str]) -> str:
    answer = f"{door.code.get_secret_value()}:{','.join(sorted(keys))}:{','.join(log)}"
    COMPUTED.append(answer)
    return answer


@pytest.fixture(autouse=True)
def _registered() -> Iterator[None]:
    register(vault, "t_vault")
    COMPUTED.clear()
    yield
    default_registry.unregister("t_vault")


def opened(code: str, keys: list[str], log: list[str] | None = None) -> str:
    query = urlencode({"door": json.dumps({"code": code}), "keys": json.dumps(keys),
                       "log": json.dumps(log or [])})
    response = get(Client(), "t_vault", query)
    assert response.status_code == 200, response.content
    return str(json.loads(response.content)["result"])


def test_a_secret_inside_a_dataclass_is_part_of_the_key(cache_backend: str) -> None:
    assert opened("right", ["a"]) == "right:a:"
    assert opened("wrong", ["a"]) == "wrong:a:"  # not the value cached for "right"


def test_each_item_of_a_set_or_a_list_is_part_of_the_key(cache_backend: str) -> None:
    assert opened("c", ["a"]) == "c:a:"
    assert opened("c", ["b"]) == "c:b:"
    assert opened("c", ["a"], ["x"]) == "c:a:x"
    assert opened("c", ["a"], ["y"]) == "c:a:y"

