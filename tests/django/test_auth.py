"""Who an MWT names (``mizan_django.auth.user_from_token``): exactly the ``sub`` that
``issue_token`` writes for a user, and nothing that merely parses to the same key."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from mizan_core.tokens import issue_mwt
from tests.django.conftest import call

pytestmark = pytest.mark.django_db


def as_sub(sub: str) -> Any:
    token = issue_mwt(settings.MIZAN_MWT_SECRET, sub=sub, aud="mizan", ttl=60)
    return call(Client(), "private_echo", {"text": "x"}, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_the_issued_sub_names_its_user(users: dict[str, Any]) -> None:
    response = as_sub(str(users["alice"].pk))
    assert response.status_code == 200
    assert json.loads(response.content)["result"] == {"message": "alice:x"}


@pytest.mark.parametrize("sub", ["abc", "1.0", "", "1e3", "-0"])
def test_a_sub_the_primary_key_cannot_parse_is_401(sub: str, users: dict[str, Any]) -> None:
    response = as_sub(sub)
    assert response.status_code == 401, response.content
    assert json.loads(response.content)["error"]["code"] == "unauthenticated"


@pytest.mark.parametrize("spelling", [" {}", "{} ", "+{}", "0{}", "{}\n"])
def test_another_spelling_of_a_users_key_is_401(spelling: str, users: dict[str, Any]) -> None:
    response = as_sub(spelling.format(users["alice"].pk))
    assert response.status_code == 401, response.content


def test_a_sub_in_other_digits_is_401(users: dict[str, Any]) -> None:
    arabic = str(users["alice"].pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert as_sub(arabic).status_code == 401
