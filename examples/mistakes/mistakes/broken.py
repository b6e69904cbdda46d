"""Deliberately wrong server functions: ``mizan check examples/mistakes`` flags them.

Nothing imports this module, and nothing may: importing it would raise at
``auth="admin"``. Each function carries the diagnostic code it should produce.
``inbox`` and ``greet`` are correct, there to be misspelt and clashed with.
No name here is one of the shop's, so checking both roots adds nothing.
"""

from django.http import HttpRequest
from pydantic import BaseModel

from mizan_django import client, register


class Message(BaseModel):
    message: str


@client(context="inbox")
def inbox(request: HttpRequest) -> list[Message]:
    return []


@client(affects="inboxx")  # mizan-affects: did you mean "inbox"?
def send(request: HttpRequest, text: str) -> Message:
    return Message(message=text)


@client  # mizan-untyped: `text` has no annotation
def shout(request: HttpRequest, text) -> Message:
    return Message(message=str(text).upper())


@client  # mizan-request: the first parameter is not named request
def whisper(req: HttpRequest, text: str) -> Message:
    return Message(message=text.lower())


@client  # mizan-unregistered: never passed to register()
def forgotten(request: HttpRequest) -> Message:
    return Message(message="nobody can call me")


@client(context="global")  # mizan-global-params: a global context takes no parameters
def theme(request: HttpRequest, dark: bool) -> str:
    return "dark" if dark else "light"


@client(auth="admin", rev=0)  # mizan-auth and mizan-rev
def admin_only(request: HttpRequest) -> Message:
    return Message(message="admin")


@client(route="/orders/<int:order_id>/")  # mizan-route: no order_id, no HttpResponse
def order_page(request: HttpRequest, id: int) -> Message:
    return Message(message=str(id))


@client  # mizan-unserializable: an HttpRequest cannot cross JSON
def raw_request(request: HttpRequest) -> HttpRequest:
    return request


@client
def greet(request: HttpRequest, name: str) -> Message:
    return Message(message=f"hello {name}")


register(inbox, "inbox")
register(send, "send")
register(shout, "shout")
register(whisper, "whisper")
register(theme, "theme")
register(admin_only, "admin_only")
register(order_page, "order_page")
register(raw_request, "raw_request")
register(greet, "greet")
register(shout, "greet")  # mizan-duplicate: "greet" is already greet's name
