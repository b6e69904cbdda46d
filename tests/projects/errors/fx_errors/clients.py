from django.http import HttpRequest, HttpResponse

from mizan_django import client, register

from .models import Holder, Plain, Row


def not_a_client(request) -> None:
    return None


@client(context="cart")
def cart(request, cart_id: int) -> list[str]:
    return []


@client(context="cart")
def cart_total(request, cart_id: str) -> int:  # mizan-context-params
    return 0


@client(affects="cartt")  # mizan-affects, suggests "cart"
def add(request, cart_id: int) -> None:
    return None


@client(affects=[not_a_client, "cart"])  # mizan-affects: not a @client function
def add_more(request) -> None:
    return None


@client
def never_registered(request) -> None:  # mizan-unregistered
    return None


@client(affects=never_registered)  # mizan-affects: never registered
def touch(request) -> None:
    return None


@client
def no_request() -> None:  # mizan-request
    return None


@client
def wrong_first(req, x: int) -> None:  # mizan-request
    return None


@client
def untyped(request, x, y: int = 1):  # mizan-untyped twice (x and the return)
    return None


@client
def raw(request, req: HttpRequest, *rest: int) -> Row:  # mizan-unserializable (3)
    raise NotImplementedError


@client
def plain(request) -> Plain:  # mizan-unserializable
    return Plain()


@client
def holder(request) -> Holder:  # mizan-unresolved in models.py (2)
    raise NotImplementedError


@client(context="global")
def theme(request, dark: bool, size: int) -> str:  # mizan-global-params
    return ""


@client(route="/o/<int:order_id>/<slug>/")
def order_page(request, order_id: str, extra: int) -> dict[str, int]:  # mizan-route (4)
    return {}


@client(route="/ok/<int:order_id>/")
def good_page(request, order_id: int) -> HttpResponse:
    return HttpResponse("")


@client(auth="admin")  # mizan-auth
def admin(request) -> None:
    return None


@client(auth=1, rev=0)  # mizan-auth, mizan-rev
def numbers(request) -> None:
    return None


@client(rev="2")  # mizan-rev
def rev_text(request) -> None:
    return None


@client
def other(request) -> None:
    return None


register(cart, "cart")
register(cart_total, "cart_total")
register(add, "add")
register(add_more, "add_more")
register(touch, "touch")
register(no_request, "no_request")
register(wrong_first, "wrong_first")
register(untyped, "untyped")
register(raw, "raw")
register(plain, "plain")
register(holder, "holder")
register(theme, "theme")
register(order_page, "order_page")
register(good_page, "good_page")
register(admin, "admin")
register(numbers, "numbers")
register(rev_text, "rev_text")
register(other, "cart")  # mizan-duplicate
register(other, "other")


@client
def rename_row(request, pk: int, name: str) -> None:  # mizan-no-affects
    Row.objects.filter(pk=pk).update(name=name)


register(rename_row, "rename_row")


@client
async def fetch_later(request) -> int:  # mizan-async
    return 0


register(fetch_later, "fetch_later")
