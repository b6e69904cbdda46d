"""Type-checked (not run) by tests/typing/test_public_api.py.

A typed project's view of every public API, written the way the docs write
it: it must be clean under ``mypy --strict`` (with django-stubs' plugin) and
under basedpyright's ``recommended`` mode, with no ``type: ignore`` and no
``pyright:`` comment. Do not import it: it registers names.
"""

from __future__ import annotations

from typing import final

from django import forms
from django.core.asgi import get_asgi_application
from django.http import HttpRequest, HttpResponse
from pydantic import BaseModel
from typing_extensions import override

import mizan_core
import mizan_django as mz
from mizan_django import client, invalidate, mizan_clients, register, wrap_asgi
from mizan_django.channels import ReactChannel
from mizan_django.client import client as legacy_client
from mizan_django.forms import mizanFormMeta, mizanFormMixin
from mizan_django.setup import mizan_clients as setup_mizan_clients
from mizan_django.setup import register as setup_register
from mizan_django.setup.registry import register as registry_register


class CartOut(BaseModel):
    items: list[str]
    total_cents: int


class UserOut(BaseModel):
    name: str


def is_owner(request: HttpRequest) -> bool:
    return request.user.is_authenticated


@client
def echo(request: HttpRequest, text: str) -> str:
    return text


@client(context="global")
def current_user(request: HttpRequest) -> UserOut:
    return UserOut(name=str(request.user))


@client(context="cart", auth=True, rev=2)
def cart(request: HttpRequest, cart_id: int) -> CartOut:
    return CartOut(items=[str(request.user)], total_cents=cart_id)


@client(affects="cart", websocket=True, auth="staff")
def add_item(request: HttpRequest, cart_id: int, sku: str) -> CartOut:
    return CartOut(items=[sku], total_cents=cart_id)


@client(affects=[cart, "cart"], auth=is_owner)
def clear_cart(request: HttpRequest, cart_id: int) -> None:
    print(request.path, cart_id)


@client(affects=cart, auth="superuser")
def purge_carts(request: HttpRequest) -> int:
    return 0


@client(route="/profile/<int:user_id>/", auth=False)
def profile_page(request: HttpRequest, user_id: int) -> HttpResponse:
    return HttpResponse(f"user {user_id}")


@legacy_client(context="cart")
def cart_size(request: HttpRequest, cart_id: int) -> int:
    return cart_id


@mz.client
def ping(request: HttpRequest) -> str:
    return "pong"


@client(context="global")
def site_name(request: HttpRequest) -> str:
    return request.get_host()


@mizan_core.client(affects="cart")
def core_touch(request: HttpRequest, cart_id: int) -> bool:
    return cart_id > 0


register(echo, "echo")
register(current_user, "current_user")
register(cart, "cart")
register(add_item, "add_item")
register(clear_cart, "cart.clear")
register(purge_carts, "purge_carts")
register(profile_page, "profile_page")
setup_register(cart_size, "cart_size")
mz.register(ping, "ping")
registry_register(site_name, "site_name")
mizan_core.register(core_touch, "core_touch")

# The decorator keeps the signature: a call type-checks like the function.
size: int = cart_size(HttpRequest(), cart_id=1)
total: int = cart(HttpRequest(), 1).total_cents


@final  # basedpyright's recommended mode wants annotated attributes otherwise
class ContactForm(mizanFormMixin, forms.Form):
    mizan = mizanFormMeta(name="contact", title="Contact Us", submit_label="Send")
    name = forms.CharField(max_length=100)

    @override
    def on_submit_success(self, request: HttpRequest) -> dict[str, bool]:
        return {"sent": True}


class Receipt(BaseModel):
    ticket: int


@final
class TicketForm(mizanFormMixin, forms.Form):
    mizan = mizanFormMeta(name="ticket", affects=[cart, "cart"])
    subject = forms.CharField()

    @override
    def on_submit_success(self, request: HttpRequest) -> Receipt:
        return Receipt(ticket=1)


class ChatChannel(ReactChannel):
    class Params(BaseModel):
        room: str

    class DjangoMessage(BaseModel):
        text: str

    class ReactMessage(BaseModel):
        text: str

    @override
    def authorize(self, params: ChatChannel.Params) -> bool:
        return True

    @override
    def group(self, params: ChatChannel.Params) -> str:
        return f"chat_{params.room}"

    @override
    def receive(self, params: ChatChannel.Params,
                message: ChatChannel.ReactMessage) -> ChatChannel.DjangoMessage:
        return ChatChannel.DjangoMessage(text=message.text)


def restock(cart_id: int) -> None:
    invalidate("cart", cart_id=cart_id)
    invalidate(cart)


def announce() -> None:
    ChatChannel.send({"room": "lobby"}, ChatChannel.DjangoMessage(text="hi"))


async def announce_async() -> None:
    await ChatChannel.asend("chat_lobby", ChatChannel.DjangoMessage(text="hi"))


def ready() -> None:
    mizan_clients("shop")
    setup_mizan_clients("shop", "notes")


application = wrap_asgi(get_asgi_application())
