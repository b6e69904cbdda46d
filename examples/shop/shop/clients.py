"""The shop's server functions: one of every feature of ``@client``.

Carts live in memory (a dict keyed by cart id) so the demo needs no extra
tables; products come from the database. Every function is registered under
an explicit public name at the bottom of the file.
"""

from datetime import datetime, timezone
from decimal import Decimal
from enum import Enum
from typing import Annotated, Literal, Optional

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from pydantic import BaseModel, Field

from mizan_django import client, register
from shop.models import Product

# --- wire models -------------------------------------------------------------


class ProductKind(str, Enum):
    PHYSICAL = "physical"
    DIGITAL = "digital"


class Money(BaseModel):
    amount: Decimal
    currency: Literal["EUR", "USD"] = "EUR"


class ProductOut(BaseModel):
    sku: str
    name: str
    kind: ProductKind
    price: Money
    in_stock: bool = Field(default=True, alias="inStock")


class CartLine(BaseModel):
    sku: str
    quantity: int
    unit_price: Money


class CartOut(BaseModel):
    cart_id: int
    lines: list[CartLine]
    updated_at: datetime
    note: Optional[str] = None
    totals: dict[str, Decimal] = Field(default_factory=dict)


class CartSummary(BaseModel):
    cart_id: int
    item_count: int
    total: Money


class UserOut(BaseModel):
    id: Optional[int]
    username: str
    is_authenticated: bool
    is_staff: bool = False


class Address(BaseModel):
    street: str
    city: str
    postal_code: str = Field(alias="postalCode")
    country: str = "NL"


class ShippingIn(BaseModel):
    name: str
    address: Address
    method: Literal["standard", "express"] = "standard"


class OrderOut(BaseModel):
    order_id: int
    cart_id: int
    total: Money
    ship_to: Address
    placed_at: datetime


class StockOut(BaseModel):
    sku: str
    stock: int


class PurgeOut(BaseModel):
    purged: int


class EchoOutput(BaseModel):
    message: str


# --- in-memory state -----------------------------------------------------------

_CARTS: dict[int, dict[str, int]] = {}
_NOTES: dict[int, str] = {}
_UPDATED: dict[int, datetime] = {}
_ORDERS: dict[int, OrderOut] = {}
_ORDER_OWNERS: dict[int, int] = {}  # order id -> the user who placed it


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _price(sku: str) -> Decimal:
    product = Product.objects.filter(sku=sku).first()
    return product.price if product is not None else Decimal("0.00")


def _product_out(product: Product) -> ProductOut:
    return ProductOut(
        sku=product.sku,
        name=product.name,
        kind=ProductKind(product.kind),
        price=Money(amount=product.price),
        inStock=product.stock > 0,
    )


def _cart_out(cart_id: int) -> CartOut:
    lines = [
        CartLine(sku=sku, quantity=quantity, unit_price=Money(amount=_price(sku)))
        for sku, quantity in sorted(_CARTS.get(cart_id, {}).items())
    ]
    total = sum((line.unit_price.amount * line.quantity for line in lines), Decimal("0.00"))
    return CartOut(
        cart_id=cart_id,
        lines=lines,
        updated_at=_UPDATED.get(cart_id, _now()),
        note=_NOTES.get(cart_id),
        totals={"EUR": total},
    )


def is_vip(request: HttpRequest) -> bool:
    """Custom access rule: members of the "vip" group."""
    return request.user.is_authenticated and request.user.groups.filter(name="vip").exists()


# --- contexts ------------------------------------------------------------------


@client(context="global")
def current_user(request: HttpRequest) -> UserOut:
    user = request.user
    return UserOut(
        id=user.pk,
        username=user.get_username() if user.is_authenticated else "",
        is_authenticated=user.is_authenticated,
        is_staff=user.is_staff,
    )


@client(context="cart")
def cart(request: HttpRequest, cart_id: int) -> CartOut:
    return _cart_out(cart_id)


@client(context="cart")
def cart_summary(request: HttpRequest, cart_id: int) -> CartSummary:
    out = _cart_out(cart_id)
    return CartSummary(
        cart_id=cart_id,
        item_count=sum(line.quantity for line in out.lines),
        total=Money(amount=out.totals.get("EUR", Decimal("0.00"))),
    )


# --- mutations -----------------------------------------------------------------


@client(affects="cart")  # scoped: re-fetches the cart context of this cart_id only
def add_item(request: HttpRequest, cart_id: int, sku: str, quantity: int = 1) -> CartOut:
    items = _CARTS.setdefault(cart_id, {})
    items[sku] = items.get(sku, 0) + quantity
    _UPDATED[cart_id] = _now()
    return _cart_out(cart_id)


@client(affects=[cart, cart_summary])  # function objects: what shows the note and its cart
def set_note(request: HttpRequest, cart_id: int, note: Optional[str] = None) -> CartSummary:
    if note:
        _NOTES[cart_id] = note
    else:
        _NOTES.pop(cart_id, None)
    return cart_summary(request, cart_id)


@client(affects=["cart", "current_user"], auth=True)
def checkout(request: HttpRequest, cart_id: int, shipping: ShippingIn) -> OrderOut:
    summary = cart_summary(request, cart_id)
    order = OrderOut(
        order_id=len(_ORDERS) + 1,
        cart_id=cart_id,
        total=summary.total,
        ship_to=shipping.address,
        placed_at=_now(),
    )
    _ORDERS[order.order_id] = order
    _ORDER_OWNERS[order.order_id] = request.user.pk
    _CARTS.pop(cart_id, None)
    return order


# --- access rules ----------------------------------------------------------------


#: What the price column holds (``DecimalField(max_digits=10, decimal_places=2)``):
#: a larger or finer price would be stored and then fail every read.
Price = Annotated[Decimal, Field(ge=0, max_digits=10, decimal_places=2)]


@client(auth="staff", affects="cart")
def set_price(request: HttpRequest, sku: str, price: Price) -> ProductOut:
    product = get_object_or_404(Product, sku=sku)  # an unknown SKU: 404 not_found
    product.price = price
    product.save(update_fields=["price"])
    return _product_out(product)


@client(auth="superuser", affects="cart")
def purge_carts(request: HttpRequest) -> PurgeOut:
    purged = len(_CARTS)
    _CARTS.clear()
    return PurgeOut(purged=purged)


@client(auth=is_vip)
def vip_offers(request: HttpRequest) -> list[ProductOut]:
    return [_product_out(p) for p in Product.objects.filter(vip_only=True)]


# --- catalogue, view path, websocket, plain ---------------------------------------


@client(rev=2)  # bumped when ProductOut changed shape: old cached values are orphaned
def products(
    request: HttpRequest, kind: Optional[ProductKind] = None, skus: Optional[list[str]] = None
) -> list[ProductOut]:
    query = Product.objects.all()
    if kind is not None:
        query = query.filter(kind=kind.value)
    if skus:
        query = query.filter(sku__in=skus)
    return [_product_out(p) for p in query.filter(vip_only=False)]


@client(route="/receipt/<int:order_id>/", auth=True)
def receipt(request: HttpRequest, order_id: int) -> HttpResponse:
    order = _ORDERS.get(order_id)
    mine = order is not None and _ORDER_OWNERS.get(order_id) == request.user.pk
    if order is None or not (mine or request.user.is_staff):
        # Someone else's order is "no such order" too: its existence is not told.
        return HttpResponse("no such order", status=404, content_type="text/plain")
    body = f"Order {order.order_id}: {order.total.amount} {order.total.currency}\n"
    return HttpResponse(body, content_type="text/plain")


@client(websocket=True)
def live_stock(request: HttpRequest, sku: str) -> StockOut:
    product = Product.objects.filter(sku=sku).first()
    return StockOut(sku=sku, stock=product.stock if product is not None else 0)


@client
def echo(request: HttpRequest, text: str) -> EchoOutput:
    return EchoOutput(message=text)


register(current_user, "current_user")
register(cart, "cart")
register(cart_summary, "cart_summary")
register(add_item, "add_item")
register(set_note, "set_note")
register(checkout, "checkout")
register(set_price, "set_price")
register(purge_carts, "purge_carts")
register(vip_offers, "vip_offers")
register(products, "products")
register(receipt, "receipt")
register(live_stock, "live_stock")
register(echo, "echo")
