"""The page's own global context, which sign-in and sign-out refresh."""

from django.http import HttpRequest
from pydantic import BaseModel

from mizan_django import client, register


class CurrentUser(BaseModel):
    username: str | None


@client(context="global")
def current_user(request: HttpRequest) -> CurrentUser:
    user = request.user
    return CurrentUser(username=user.get_username() if user.is_authenticated else None)


register(current_user, "current_user")
