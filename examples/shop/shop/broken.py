"""Deliberately wrong server functions: ``mizan check examples/shop`` flags them.

Nothing imports this module (not apps.py, not clients.py), so the demo still
boots; importing it would raise at ``auth="admin"``. Each function carries the
diagnostic code it should produce.
"""

from django.http import HttpRequest

from mizan_django import client, register
from shop.clients import EchoOutput


@client(affects="cartt")  # mizan-affects: did you mean "cart"?
def bump_cart(request: HttpRequest, cart_id: int) -> int:
    return cart_id


@client  # mizan-untyped: `text` has no annotation
def shout(request: HttpRequest, text) -> EchoOutput:
    return EchoOutput(message=str(text).upper())


@client  # mizan-request: the first parameter is not named request
def whisper(req: HttpRequest, text: str) -> EchoOutput:
    return EchoOutput(message=text.lower())


@client  # mizan-unregistered: never passed to register()
def forgotten(request: HttpRequest) -> EchoOutput:
    return EchoOutput(message="nobody can call me")


@client(context="global")  # mizan-global-params: a global context takes no parameters
def theme(request: HttpRequest, dark: bool) -> str:
    return "dark" if dark else "light"


@client(auth="admin", rev=0)  # mizan-auth and mizan-rev
def admin_only(request: HttpRequest) -> EchoOutput:
    return EchoOutput(message="admin")


@client(route="/orders/<int:order_id>/")  # mizan-route: no order_id, no HttpResponse
def order_page(request: HttpRequest, id: int) -> EchoOutput:
    return EchoOutput(message=str(id))


@client  # mizan-unserializable: an HttpRequest cannot cross JSON
def raw_request(request: HttpRequest) -> HttpRequest:
    return request


register(bump_cart, "bump_cart")
register(shout, "shout")
register(whisper, "whisper")
register(theme, "theme")
register(admin_only, "admin_only")
register(order_page, "order_page")
register(raw_request, "raw_request")
register(shout, "echo")  # mizan-duplicate: "echo" is shop.clients.echo
