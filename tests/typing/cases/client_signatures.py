"""Type-checked (not run) by tests/typing/test_client_signatures.py.

Lines ending in an expect-error marker must be reported by both mypy and
basedpyright; every other line must be clean. A reveal marker gives the type
``reveal_type`` must show. The file is deliberately wrong in places: do not
import it.
"""

from __future__ import annotations

from typing import reveal_type

from mizan_core import client, register


@client
def echo(request: object, text: str, times: int = 1) -> str:
    return text * times


@client(context="cart")
def cart(request: object, cart_id: int) -> list[int]:
    return [cart_id]


@client(affects=cart, auth="staff", rev=2)
def add_item(request: object, cart_id: int, sku: str, quantity: int = 1) -> dict[str, int]:
    return {sku: quantity}


register(cart, "cart")

ok_positional: str = echo(None, "hi")
ok_keywords: str = echo(request=None, text="hi", times=2)
ok_context: list[int] = cart(None, cart_id=1)
ok_mutation: dict[str, int] = add_item(None, 1, "sku", quantity=3)

bad_type = echo(None, 3)  # expect-error
bad_type_context = cart(None, cart_id="1")  # expect-error
bad_keyword = echo(None, "hi", tims=2)  # expect-error
bad_keyword_context = add_item(None, 1, "sku", qty=3)  # expect-error
missing = cart(None)  # expect-error
missing_mutation = add_item(None, 1)  # expect-error
wrong_result: int = echo(None, "hi")  # expect-error

reveal_type(echo(None, "x"))  # reveal: str
reveal_type(cart(None, cart_id=1))  # reveal: list[int]
reveal_type(add_item(None, 1, "s"))  # reveal: dict[str, int]
