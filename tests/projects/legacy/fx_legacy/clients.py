import mizan
from mizan.client import client
from mizan.setup import register


@client(context="global")
def legacy_user(request) -> str:
    return "user"


@mizan.client(affects="legacy_user")
def legacy_touch(request) -> None:
    return None


register(legacy_user, "legacy_user")
mizan.register(legacy_touch, "legacy_touch")
