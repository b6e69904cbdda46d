"""One function per form of ORM write `mizan-no-affects` follows, and the
quiet cases: reads, a declared affects, the silenced `affects=()`."""

from django.shortcuts import get_object_or_404

from mizan_django import client, register

from .helpers import add_line, describe
from .models import Cart, Order, Tag


@client(context="cart")
def cart_lines(request, cart_id: int) -> list[str]:
    cart = get_object_or_404(Cart, pk=cart_id)
    return [item.sku for item in cart.items.all()]


@client(context="orders")
def order_totals(request) -> list[int]:
    return [o.total for o in Order.objects.all()]


@client
def rename_cart(request, cart_id: int, note: str) -> None:
    cart = Cart.objects.get(pk=cart_id)
    cart.note = note
    cart.save()


@client
def add_item(request, cart_id: int, sku: str) -> None:
    add_line(cart_id, sku)


@client
def tag_items(request, cart_id: int, label: str) -> None:
    cart = get_object_or_404(Cart, pk=cart_id)
    tag = Tag.objects.get(label=label)
    for item in cart.items.all():
        item.tags.add(tag)


@client
def close_orders(request) -> int:
    return Order.objects.filter(total=0).delete()[0]


@client
def describe_cart(request, cart_id: int) -> str:
    options = {"sku": "x"}
    options.update({"sku": "y"})
    seen = set()
    seen.add(cart_id)
    return describe(cart_id) + str(Cart.objects.filter(pk=cart_id).count())


@client(affects="cart")
def empty_cart(request, cart_id: int) -> None:
    get_object_or_404(Cart, pk=cart_id).items.all().delete()


@client(affects=())
def log_visit(request, cart_id: int) -> None:
    Order.objects.create(total=0)


register(cart_lines, "cartLines")
register(order_totals, "orderTotals")
register(rename_cart, "renameCart")
register(add_item, "addItem")
register(tag_items, "tagItems")
register(close_orders, "closeOrders")
register(describe_cart, "describeCart")
register(empty_cart, "emptyCart")
register(log_visit, "logVisit")
