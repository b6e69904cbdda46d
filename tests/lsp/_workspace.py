"""The small project every language-server test edits: a shop whose
`contexts.py` defines the contexts and `orders.py` the mutations that affect
them (the cross-file pair), plus pydantic models. Written fresh into a
temporary folder per test, so tests never see each other's edits.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

__all__ = ["CONTEXTS", "CONTEXTS_PY", "MODELS", "ORDERS", "ORDERS_PY", "PYPROJECT", "write_workspace"]

CONTEXTS_PY = "backend/shop/contexts.py"
ORDERS_PY = "backend/shop/orders.py"

PYPROJECT = """\
[project]
name = "lsp-shop"
version = "0"

[tool.mizan]
output = "frontend/src/api"

[tool.mizan.source.static]
paths = ["backend"]
"""

MODELS = '''\
from pydantic import BaseModel


class CartOut(BaseModel):
    cart_id: int
    items: list[str]
    total_cents: int


class UserOut(BaseModel):
    username: str
    is_staff: bool = False
'''

CONTEXTS = '''\
from mizan_django import client, register
from shop.models import CartOut, UserOut


@client(context="cart")
def cart_detail(request, cart_id: int) -> CartOut:
    """The cart with its items."""
    raise NotImplementedError


@client(context="cart")
def cart_total(request, cart_id: int) -> int:
    raise NotImplementedError


@client(context="global")
def current_user(request) -> UserOut:
    raise NotImplementedError


register(cart_detail, "cart_detail")
register(cart_total, "cart_total")
register(current_user, "current_user")
'''

ORDERS = '''\
from mizan_django import client, register
from shop.models import CartOut


@client(affects="cart")
def add_item(request, cart_id: int, sku: str) -> CartOut:
    """Put one item into the cart."""
    raise NotImplementedError


@client(affects=["cart", "current_user"])
def checkout(request, cart_id: int) -> int:
    raise NotImplementedError


register(add_item, "add_item")
register(checkout, "checkout")
'''


def write_workspace(root: Path, extra_pyproject: str = "") -> Path:
    """Write the project under `root`; returns the package folder."""
    package = root / "backend" / "shop"
    package.mkdir(parents=True)
    (root / "pyproject.toml").write_text(PYPROJECT + textwrap.dedent(extra_pyproject))
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text(MODELS)
    (package / "contexts.py").write_text(CONTEXTS)
    (package / "orders.py").write_text(ORDERS)
    return package
