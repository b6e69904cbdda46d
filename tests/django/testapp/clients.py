"""One server function per row of the ``@client`` table, plus type and failure cases.

``CALLS`` counts how often each function body ran, so tests can tell a cache
hit from a computation.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Literal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from pydantic import BaseModel, Field

from mizan_django import client, register

CALLS: Counter[str] = Counter()
CARTS: dict[int, list[str]] = {}


class Color(str, Enum):
    RED = "red"
    BLUE = "blue"


class EchoOut(BaseModel):
    message: str


class CartOut(BaseModel):
    cart_id: int
    items: list[str]
    computed: int  # how many times this cart was computed: changes on every computation


class Who(BaseModel):
    username: str
    staff: bool


class Typed(BaseModel):
    when: datetime
    price: Decimal
    color: Color
    tags: list[str]
    mode: Literal["a", "b"]
    maybe: int | None = None
    display_name: str = Field(alias="displayName")


@client
def echo(request: HttpRequest, text: str) -> EchoOut:
    CALLS["echo"] += 1
    return EchoOut(message=text)


@client
def typed(
    request: HttpRequest, when: datetime, price: Decimal, color: Color, tags: list[str],
    mode: Literal["a", "b"], flag: bool = False, maybe: int | None = None,
) -> Typed:
    return Typed(when=when, price=price, color=color, tags=tags, mode=mode, maybe=maybe,
                 displayName="x" if flag else "y")


@client(context="global")
def whoami(request: HttpRequest) -> Who:
    CALLS["whoami"] += 1
    user = request.user
    return Who(username=user.get_username() if user.is_authenticated else "", staff=user.is_staff)


@client(context="cart")
def cart(request: HttpRequest, cart_id: int) -> CartOut:
    CALLS[f"cart:{cart_id}"] += 1
    return CartOut(cart_id=cart_id, items=CARTS.get(cart_id, []), computed=CALLS[f"cart:{cart_id}"])


@client(context="cart")
def cart_banner(request: HttpRequest) -> str:
    """A member of the cart context without cart_id: purged by every cart mutation."""
    CALLS["cart_banner"] += 1
    return f"banner {CALLS['cart_banner']}"


@client(affects="cart")
def add_item(request: HttpRequest, cart_id: int, sku: str) -> CartOut:
    CARTS.setdefault(cart_id, []).append(sku)
    return CartOut(cart_id=cart_id, items=CARTS[cart_id], computed=0)


@client(affects=cart)
def touch_cart(request: HttpRequest, cart_id: int) -> int:
    return cart_id


@client(affects=["cart", "global"])
def reset_all(request: HttpRequest) -> int:
    CARTS.clear()
    return 0


@client(auth=True)
def private_echo(request: HttpRequest, text: str) -> EchoOut:
    return EchoOut(message=f"{request.user.get_username()}:{text}")


@client(auth=True, context="secret")
def secret(request: HttpRequest) -> str:
    return f"secret of {request.user.get_username()}"


@client(auth="staff")
def staff_only(request: HttpRequest) -> str:
    return "staff"


@client(auth="superuser")
def superuser_only(request: HttpRequest) -> str:
    return "superuser"


def is_vip(request: HttpRequest) -> bool:
    return request.user.is_authenticated and request.user.username.startswith("vip")


@client(auth=is_vip)
def vip_only(request: HttpRequest) -> str:
    return "vip"


@client(route="/receipts/<int:order_id>/", auth=True)
def receipt(request: HttpRequest, order_id: int) -> HttpResponse:
    return HttpResponse(f"receipt {order_id}", content_type="text/plain")


@client(route="/receipts/<int:order_id>/void/", auth=True, affects="cart")
def void_receipt(request: HttpRequest, order_id: int) -> HttpResponse:
    CALLS["void_receipt"] += 1
    return HttpResponse(f"voided {order_id}", content_type="text/plain")


@client
def go_home(request: HttpRequest) -> HttpResponseRedirect:
    return HttpResponseRedirect("/home/")


@client(websocket=True)
def ping(request: HttpRequest) -> str:
    return "pong"


@client(rev=2, context="versioned")
def versioned(request: HttpRequest) -> int:
    CALLS["versioned"] += 1
    return CALLS["versioned"]


@client
def explode(request: HttpRequest) -> int:
    raise ValueError("secret internals: password=hunter2")


@client
def refuse(request: HttpRequest) -> int:
    raise PermissionDenied("not today")


@client
def user_count(request: HttpRequest) -> int:
    return User.objects.count()


for _fn, _name in [
    (echo, "echo"), (typed, "typed"), (whoami, "whoami"), (cart, "cart"),
    (cart_banner, "cart_banner"), (add_item, "add_item"), (touch_cart, "touch_cart"),
    (reset_all, "reset_all"), (private_echo, "private_echo"), (secret, "secret"),
    (staff_only, "staff_only"), (superuser_only, "superuser_only"), (vip_only, "vip_only"),
    (receipt, "receipt"), (void_receipt, "void_receipt"), (go_home, "go_home"), (ping, "ping"), (versioned, "versioned"),
    (explode, "explode"), (refuse, "refuse"), (user_count, "user_count"),
]:
    register(_fn, _name)
register(echo, "tools.echo")  # dotted public names are allowed
