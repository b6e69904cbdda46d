"""``invalidate(target, **scope)`` as the caller sees it: which target a name means,
the scope it accepts, what it purges and what it pushes, and what it says
when it cannot name the target."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.http import HttpRequest
from django.test import Client

from mizan_core import client, default_registry, register
from mizan_core.errors import MizanSetupError
from mizan_django.invalidation import invalidate
from tests.django.conftest import get

pytestmark = pytest.mark.django_db(transaction=True)

COUNT = {"shelf": 0}


@client(context="inventory")
def shelf(request: HttpRequest, aisle: int, row: int = 0) -> int:
    """No mutation declares a scope of the function itself, one declares the context's."""
    COUNT["shelf"] += 1
    return COUNT["shelf"]


@client(affects="inventory")
def restock(request: HttpRequest, aisle: int) -> int:
    return aisle


@client
def not_served(request: HttpRequest) -> int:
    return 0


@pytest.fixture(autouse=True)
def _registered() -> Iterator[None]:
    register(shelf, "t_shelf")
    register(restock, "t_restock")
    COUNT["shelf"] = 0
    yield
    default_registry.unregister("t_shelf")
    default_registry.unregister("t_restock")


def value(name: str, query: str) -> Any:
    response = get(Client(), name, query)
    assert response.status_code == 200, response.content
    return json.loads(response.content)["result"]


def _listen(kind: str, target: str, scope: dict[str, Any]) -> Any:
    from mizan_django.ws.layer import get_layer
    from mizan_django.ws.live import entry_group

    layer = get_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(entry_group(kind, target, scope), channel)

    def heard() -> list[Any]:
        import asyncio

        async def drain() -> list[Any]:
            out = []
            while True:
                try:
                    out.append((await asyncio.wait_for(layer.receive(channel), 0.2))["entry"])
                except TimeoutError:
                    return out
        return async_to_sync(drain)()
    return heard


def test_a_function_named_by_its_string_is_the_function_and_its_values_all_go(
        cache_backend: str) -> None:
    assert value("t_shelf", "aisle=1") == value("t_shelf", "aisle=1") == 1  # cached
    value("t_shelf", "aisle=2")
    cart = value("cart", "cart_id=5")
    # no mutation declares (t_shelf, aisle): every value of it is orphaned, and the
    # socket subscribed to aisle 1 still hears the scope as it was asked
    heard = _listen("function", "t_shelf", {"aisle": 1})
    entries = invalidate("t_shelf", aisle=1)
    assert entries == [{"kind": "function", "target": "t_shelf", "scope": {"aisle": 1}}]
    assert heard() == entries
    assert value("t_shelf", "aisle=1") == 3
    assert value("t_shelf", "aisle=2") == 4
    assert value("cart", "cart_id=5") == cart  # another function: untouched


def test_a_context_with_a_declared_scope_loses_exactly_that_scope(cache_backend: str) -> None:
    value("t_shelf", "aisle=1")
    value("t_shelf", "aisle=2")
    cart = value("cart", "cart_id=5")
    # the context's parameters are its functions' (here only t_shelf's aisle and row)
    assert invalidate("inventory", aisle=1) == [
        {"kind": "context", "target": "inventory", "scope": {"aisle": 1}}]
    assert value("t_shelf", "aisle=1") == 3
    assert value("t_shelf", "aisle=2") == 2  # still cached
    assert value("cart", "cart_id=5") == cart  # another context: untouched


def test_a_function_target_takes_only_its_own_parameters() -> None:
    # `sku` is a parameter of add_item, not of t_shelf
    with pytest.raises(MizanSetupError) as refused:
        invalidate("t_shelf", sku="tea")
    assert str(refused.value) == ("invalidate('t_shelf'): sku is not a parameter of it "
                                  "(its parameters: aisle, row).")
    with pytest.raises(MizanSetupError) as refused:
        invalidate("cart_banner", cart_id=1, sku="x")
    assert str(refused.value) == ("invalidate('cart_banner'): cart_id, sku is not a parameter "
                                  "of it (its parameters: none).")


def test_what_invalidate_cannot_name_is_said_with_the_known_contexts() -> None:
    with pytest.raises(MizanSetupError) as refused:
        invalidate("carts")
    assert str(refused.value) == (
        "invalidate(): 'carts' names no context and no registered @client function "
        "(contexts: cart, global, inventory, secret, versioned).")
    with pytest.raises(MizanSetupError) as refused:
        invalidate(not_served)
    assert str(refused.value).endswith("is not registered, so no client shows it.")
    assert "not_served" in str(refused.value)
