"""The functions of the per-transport table (``tests/channels/test_call_table.py``):
one of each kind of answer a call can come to, all reachable over the websocket;
a few the RPC tests need (``tests/channels/test_rpc.py``); and the ``auth=`` rules
the websocket has no other function for (``superuser``, a callable)."""

import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.template import Context, Template

from mizan_django import client, register


@client(context="tbl", websocket=True)
def tbl_echo(request: HttpRequest, text: str) -> str:
    return text


@client(context="global", websocket=True, auth=True)
def tbl_who(request: HttpRequest) -> str:
    return request.user.get_username()


@client(context="global", websocket=True, auth="staff")
def tbl_staff(request: HttpRequest) -> str:
    return "staff " + request.user.get_username()


@client(context="global", websocket=True)
def tbl_refuse(request: HttpRequest) -> str:
    raise PermissionDenied("no entry")


@client(context="global", websocket=True)
def tbl_gone(request: HttpRequest) -> str:
    raise Http404("gone")


@client(context="global", websocket=True)
def tbl_invalid(request: HttpRequest) -> str:
    raise ValidationError("bad tenant")


@client(context="global", websocket=True)
def tbl_crash(request: HttpRequest) -> str:
    raise RuntimeError("secret internals")


@client(websocket=True, affects="tbl")
def tbl_bump(request: HttpRequest, n: int) -> int:
    return n + 1


@client(route="/tbl/<str:text>/", auth=True)
def tbl_page(request: HttpRequest, text: str) -> HttpResponse:
    return HttpResponse(f"page {text}", content_type="text/plain")


@client(websocket=True)
def tbl_download(request: HttpRequest) -> HttpResponse:
    return HttpResponse("a file", content_type="text/plain")


@client(websocket=True)
def tbl_identity(request: HttpRequest) -> list[str]:
    """Who calls, then the credential headers the function can see."""
    present = [h for h in ("HTTP_AUTHORIZATION", "HTTP_COOKIE") if h in request.META]
    return [request.user.get_username(), *present]


@client(websocket=True)
def tbl_nap(request: HttpRequest, seconds: float) -> float:
    """A slow call (not part of the table): calls must not wait for each other."""
    time.sleep(seconds)
    return seconds


def hydration_page(request: HttpRequest) -> HttpResponse:
    """A page that renders ``{% mizan_hydration %}``, as a project's template would."""
    template = Template("{% load mizan %}{% mizan_hydration %}")
    return HttpResponse(template.render(Context({"request": request})))


def is_member(request: HttpRequest) -> bool:
    """A custom ``auth=`` rule, for the auth matrix (``tests/channels/test_auth_matrix_ws.py``)."""
    return request.user.get_username() in {"bob", "root"}


@client(websocket=True, auth="superuser")
def tbl_root(request: HttpRequest) -> str:
    return "root " + request.user.get_username()


@client(websocket=True, auth=is_member)
def tbl_member(request: HttpRequest) -> str:
    return "member " + request.user.get_username()


for _fn in (tbl_echo, tbl_who, tbl_staff, tbl_refuse, tbl_gone, tbl_invalid, tbl_crash,
            tbl_bump, tbl_page, tbl_download, tbl_identity, tbl_nap, tbl_root, tbl_member):
    register(_fn, _fn.__name__)
