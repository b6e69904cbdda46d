"""The cache identity, as a property: two context calls share a cached value only
when the function would receive the same arguments (``mizan_django.contexts``).
Values are generated to differ in what a lossy dump would lose (a ``SecretStr``,
a ``Field(exclude=True)``, a ``Decimal``'s exponent, an ``int`` against a ``bool``),
and each is fetched through Django's test client; a shared key would hand one
call another's cached answer."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

import pytest
from django.http import HttpRequest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, Field, SecretStr

from mizan_core import client, default_registry, register
from tests.django.conftest import get

pytestmark = pytest.mark.django_db

COMPUTED: Counter[str] = Counter()


class Filter(BaseModel):
    term: str
    page: int = Field(default=0, exclude=True)


def received(n: int | bool, code: SecretStr, price: Decimal, where: Filter) -> str:
    """Everything the function receives, spelt out."""
    return repr((type(n).__name__, n, code.get_secret_value(), str(price), where.term,
                 where.page))


@client(context="probe")
def probe(request: HttpRequest, n: int | bool, code: SecretStr, price: Decimal,
          where: Filter) -> str:
    answer = received(n, code, price, where)
    COMPUTED[answer] += 1
    return answer


@pytest.fixture(autouse=True)
def _registered() -> Iterator[None]:
    register(probe, "t_probe")
    yield
    default_registry.unregister("t_probe")


calls = st.fixed_dictionaries({
    "n": st.one_of(st.integers(-2, 2), st.booleans()),
    "code": st.sampled_from(["right", "wrong", ""]),
    "price": st.sampled_from(["1", "1.0", "1.00", "2"]),
    "where": st.fixed_dictionaries({"term": st.sampled_from(["tea", "jam"]),
                                    "page": st.integers(0, 2)}),
})


def fetch(args: dict[str, Any], *, reverse: bool = False) -> str:
    items = sorted(args.items(), reverse=reverse)  # the order of the query's keys
    query = urlencode([(k, json.dumps(v, sort_keys=not reverse)) for k, v in items])
    response = get(Client(), "t_probe", query)
    assert response.status_code == 200, response.content
    return str(json.loads(response.content)["result"])


def expected(args: dict[str, Any]) -> str:
    return received(args["n"], SecretStr(args["code"]), Decimal(args["price"]),
                    Filter(**args["where"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=calls, second=calls)
def test_calls_share_a_value_only_when_the_function_receives_the_same(
    first: dict[str, Any], second: dict[str, Any]
) -> None:
    assert fetch(first) == expected(first)
    assert fetch(second) == expected(second)  # never the first call's cached answer
    assert fetch(first) == expected(first)


def test_the_order_of_the_arguments_is_not_part_of_the_identity() -> None:
    args = {"n": 1, "code": "right", "price": "1.0", "where": {"term": "tea", "page": 2}}
    # The property test above may have drawn these arguments already.
    before = COMPUTED[expected(args)]
    assert fetch(args) == fetch(args, reverse=True) == expected(args)
    assert COMPUTED[expected(args)] == before + 1  # one computation, then the same cached value
