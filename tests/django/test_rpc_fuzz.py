"""Fuzzing the call endpoint: generated bodies for every registered function of
the test project (its own parameter names with any JSON values, other keys,
non-objects and raw bytes), as a superuser so ``auth=`` lets everything in.

Every answer is the protocol's: a 2xx/3xx, or a 4xx with the error shape
``{"error": {"code", "message", "details"}}``; never a 500. ``explode`` is
left out: failing is what it is for.
"""

from __future__ import annotations

import inspect
import json
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mizan_core.registry import default_registry
from mizan_django.auth import issue_token
from tests.fixtures.bodies import call_bodies

FAILS_ON_PURPOSE = {"explode"}
NAMES = sorted(name for name, _ in default_registry.items() if name not in FAILS_ON_PURPOSE)

def _parameters(name: str) -> list[str]:
    fn = default_registry.get(name)
    assert fn is not None
    return [p for p in inspect.signature(fn.func).parameters if p != "request"]


def _bodies(name: str) -> st.SearchStrategy[bytes]:
    return call_bodies(_parameters(name))


@pytest.fixture
def headers(django_user_model: Any, transactional_db: None) -> dict[str, str]:
    # Transactional: a refused call marks the open atomic block for rollback
    # (ATOMIC_REQUESTS), and under the plain ``db`` fixture that block is the test's.
    root = django_user_model.objects.create_superuser("fuzz-root", password="pw")
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_token(root)}"}


@pytest.mark.parametrize("name", NAMES)
def test_every_answer_is_the_protocols(name: str, headers: dict[str, str]) -> None:
    @settings(max_examples=40, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(body=_bodies(name))
    def run(body: bytes) -> None:
        response = Client().post(f"/api/mizan/call/{name}", body,
                                 content_type="application/json", **headers)
        assert response.status_code < 500, (body, response.content[:300])
        if response.status_code >= 400:
            error = json.loads(response.content)["error"]
            assert set(error) == {"code", "message", "details"}, error
            assert isinstance(error["code"], str) and isinstance(error["message"], str)

    run()
