"""Helpers the server functions call: the writes live here, not in clients.py."""

from fx_orm.models import Item


def add_line(cart_id: int, sku: str) -> None:
    _insert(cart_id, sku)


def _insert(cart_id: int, sku: str) -> None:
    Item.objects.create(cart_id=cart_id, sku=sku)


def describe(cart_id: int) -> str:
    return ", ".join(i.sku for i in Item.objects.filter(cart_id=cart_id))
