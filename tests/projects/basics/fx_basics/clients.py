"""Plain functions, contexts, mutations, auth, websocket, route, rev, docs."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from pydantic import BaseModel

from mizan_django import client, register


class Greeting(BaseModel):
    """What `hello` says."""

    text: str
    shout: bool = False


def is_member(request: HttpRequest) -> bool:
    return bool(getattr(request, "member", False))


@client
def hello(request: HttpRequest, name: str, times: int = 1) -> Greeting:
    """Say hello.

        Indented continuation lines are dedented like inspect.cleandoc does.
    """
    return Greeting(text=f"hello {name}" * times)


@client
def ping(request: HttpRequest) -> None:
    return None


@client(context="global")
def site_name(request: HttpRequest) -> str:
    return "fixture"


@client(context="profile")
def profile(request: HttpRequest, user_id: int) -> Greeting:
    return Greeting(text=str(user_id))


@client(affects="profile", auth=True)
def rename(request: HttpRequest, user_id: int, name: str) -> Greeting:
    return Greeting(text=name)


@client(auth="staff", rev=3)
def staff_only(request: HttpRequest) -> list[str]:
    return []


@client(auth="superuser", websocket=True)
def root_only(request: HttpRequest, level: float = -1.5) -> dict[str, int]:
    return {}


@client(auth=is_member)
def members(request: HttpRequest) -> list[Greeting]:
    return []


@client(auth=lambda request: True)
def lambda_rule(request: HttpRequest) -> bool:
    return True


@client(route="/hello/<str:name>/")
def hello_page(request: HttpRequest, name: str) -> HttpResponse:
    return HttpResponse(f"hello {name}")


@client(affects=[profile, "profile"])
def bump(request: HttpRequest, user_id: int) -> JsonResponse:
    return JsonResponse({"ok": True})


@client(auth=False)
def defaults(
    request: HttpRequest,
    a: str = "x",
    b: bool = True,
    c: None = None,
    d: list[int] = [1, 2],  # noqa: B006
    e: dict[str, float] = {"k": 0.25},  # noqa: B006
    f: tuple[int, int] = (1, -2),
    g: str = "é",
) -> Greeting:
    return Greeting(text=a)


register(hello, "hello")
register(ping, "ping")
register(site_name, "site_name")
register(profile, "profile")
register(rename, "rename")
register(staff_only, "staff_only")
register(root_only, "root_only")
register(members, "members")
register(lambda_rule, "lambda_rule")
register(hello_page, "hello_page")
register(bump, "bump")
register(defaults, "defaults")
register(hello, "greetings.hello")
