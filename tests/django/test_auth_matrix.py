"""``auth=`` as a matrix generated from the registry: every registered function
of the test project x anonymous/user/staff/superuser x every HTTP entry point
it has (the call endpoint, a context's ``GET``, its ``route=`` path).

The expected answer comes from the function's own rule, read from its
metadata, so a new function joins the matrix by being registered. A refused
caller gets exactly 401 (a login could help) or 403 with the rule's own
message; an admitted one never those (its arguments are not given, so 400
is usual; a function that raises ``PermissionDenied`` or fails itself says
so in its own words).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.test import Client, RequestFactory

from mizan_core.registry import default_registry
from mizan_django.auth import issue_token
from tests.django.conftest import call, get

ROLES = ("anonymous", "user", "staff", "superuser")
#: what ``auth=`` answers when it refuses (docs/protocol.md)
_REFUSED = {401: "authentication required", 403: "you may not call this function"}

_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
_SAMPLE = {"int": "1", "uuid": "00000000-0000-0000-0000-000000000001"}


def _functions() -> list[tuple[str, Any]]:
    return [(name, fn) for name, fn in default_registry.items()
            if getattr(getattr(fn, "meta", None), "auth", None) is not None]


def _entries(meta: Any) -> list[str]:
    found = ["call"]
    if meta.is_context:
        found.append("get")
    if meta.route is not None:
        found.append("route")
    return found


CASES = [(name, entry, role) for name, fn in _functions() for entry in _entries(fn.meta)
         for role in ROLES]


def _expected_refusal(rule: Any, user: Any) -> int | None:
    """401, 403, or None (admitted), from the rule as docs/protocol.md states it."""
    if rule is False:
        return None
    if callable(rule):
        request = RequestFactory().get("/")
        request.user = user
        if rule(request):
            return None
        return 403 if user.is_authenticated else 401
    if not user.is_authenticated:
        return 401
    if (rule == "staff" and not user.is_staff) or (rule == "superuser" and not user.is_superuser):
        return 403
    return None


@pytest.fixture
def principals(django_user_model: Any, db: None) -> dict[str, Any]:
    make = django_user_model.objects.create_user
    user = make("matrix-user", password="pw")
    user.groups.add(Group.objects.get_or_create(name="vip")[0])  # custom rules see a group
    return {"anonymous": AnonymousUser(), "user": user,
            "staff": make("matrix-staff", password="pw", is_staff=True),
            "superuser": django_user_model.objects.create_superuser("matrix-root", password="pw")}


def _reach(entry: str, name: str, meta: Any, user: Any) -> Any:
    headers = ({"HTTP_AUTHORIZATION": f"Bearer {issue_token(user)}"}
               if user.is_authenticated else {})
    if entry == "call":
        return call(Client(), name, {}, **headers)
    if entry == "get":
        return get(Client(), name, **headers)
    path = "/api/mizan/" + _CONVERTER.sub(
        lambda m: _SAMPLE.get(m.group(1) or "str", "a"), meta.route).lstrip("/")
    if meta.is_mutation:  # a mutation's route answers POST only
        return Client().post(path, **headers)
    return Client().get(path, **headers)


def test_the_matrix_covers_every_rule_and_entry_point() -> None:
    rules = {repr(fn.meta.auth) if not callable(fn.meta.auth) else "callable"
             for _, fn in _functions()}
    assert {"False", "True", "'staff'", "'superuser'", "callable"} <= rules
    assert {entry for _, entry, _ in CASES} == {"call", "get", "route"}


@pytest.mark.parametrize(("name", "entry", "role"), CASES)
def test_auth_rule_holds(name: str, entry: str, role: str, principals: dict[str, Any]) -> None:
    meta = default_registry.get(name).meta
    user = principals[role]
    response = _reach(entry, name, meta, user)
    refusal = _expected_refusal(meta.auth, user)
    message = json.loads(response.content).get("error", {}).get("message") if (
        response["Content-Type"] == "application/json") else None
    if refusal is None:
        assert message not in _REFUSED.values(), response.content[:300]
    else:
        assert (response.status_code, message) == (refusal, _REFUSED[refusal])
