"""``route=`` functions answer at their own path with only the contract's wiring.

The test app's ``receipt`` has ``route="/receipts/<int:order_id>/"`` and
``auth=True``; ``tests.django.urls`` holds nothing but
``path("api/mizan/", include("mizan_django.urls"))``. Other root urlconfs are
built here as real modules (``urlconf``) and switched to with
``override_settings(ROOT_URLCONF=...)``.
"""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.checks import run_checks
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, include, path

from mizan_core import client, default_registry, register
from tests.django.conftest import logged_in

pytestmark = pytest.mark.django_db


def urlconf(name: str, patterns: list[URLPattern | URLResolver]) -> str:
    """A root urlconf module named ``tests.django._urls_<name>`` (fresh each time)."""
    dotted = f"tests.django._urls_{name}"
    module = types.ModuleType(dotted)
    module.urlpatterns = patterns  # type: ignore[attr-defined]
    sys.modules[dotted] = module
    return dotted


@pytest.fixture
def alice(users: dict[str, Any]) -> Client:
    return logged_in(users["alice"])


def own_receipt(request: HttpRequest, order_id: int) -> HttpResponse:
    return HttpResponse(f"the project's receipt {order_id}", content_type="text/plain")


def test_a_route_answers_at_its_own_path_with_the_contract_wiring(alice: Client) -> None:
    response = alice.get("/receipts/7/")
    assert response.status_code == 200
    assert response.content == b"receipt 7"
    assert response["Cache-Control"] == "no-store"
    assert json.loads(response["X-Mizan-Invalidate"]) == []


def test_the_root_mount_goes_through_the_pipeline(alice: Client) -> None:
    anonymous = Client().get("/receipts/7/")  # auth=True holds at the root too
    assert anonymous.status_code == 401
    assert json.loads(anonymous.content)["error"]["code"] == "unauthenticated"
    assert alice.get("/receipts/not-a-number/").status_code == 404  # the converter holds


def test_the_prefixed_mount_still_answers(alice: Client) -> None:
    response = alice.get("/api/mizan/receipts/7/")
    assert response.status_code == 200 and response.content == b"receipt 7"


def test_another_root_urlconf_gets_the_routes_too(alice: Client) -> None:
    other = urlconf("other", [path("mizan/", include("mizan_django.urls"))])
    with override_settings(ROOT_URLCONF=other):
        assert alice.get("/receipts/8/").content == b"receipt 8"
        assert alice.get("/mizan/receipts/8/").content == b"receipt 8"
        assert alice.get("/api/mizan/receipts/8/").status_code == 404  # not this urlconf's prefix
    assert alice.get("/receipts/9/").content == b"receipt 9"  # back to the first one


def test_the_projects_own_pattern_wins(alice: Client) -> None:
    mine = urlconf("mine", [
        path("api/mizan/", include("mizan_django.urls")),
        path("receipts/<int:order_id>/", own_receipt),
    ])
    with override_settings(ROOT_URLCONF=mine):
        assert alice.get("/receipts/7/").content == b"the project's receipt 7"
        assert alice.get("/api/mizan/receipts/7/").content == b"receipt 7"


@pytest.mark.parametrize("patterns", [
    [path("", include("mizan_django.urls"))],
    [path("api/mizan/", include("mizan_django.urls")), path("", include("mizan_django.routes"))],
    [path("", include([path("", include("mizan_django.routes"))]))],
], ids=["urls-at-root", "routes-at-root", "routes-nested-at-root"])
def test_routes_the_project_mounts_at_the_root_are_left_alone(
    alice: Client, patterns: list[Any]
) -> None:
    name = urlconf("explicit", list(patterns))
    with override_settings(ROOT_URLCONF=name):
        assert alice.get("/receipts/7/").content == b"receipt 7"
        assert sys.modules[name].urlpatterns == patterns  # nothing appended


@pytest.fixture
def clashing_route() -> Iterator[None]:
    @client(route="/receipts/<int:order_id>/")
    def clash(request: HttpRequest, order_id: int) -> HttpResponse:
        return HttpResponse("clash")

    register(clash, "t_clash")
    yield
    default_registry.unregister("t_clash")


def test_system_checks_still_judge_routes_after_the_root_mount(
    alice: Client, clashing_route: None
) -> None:
    assert alice.get("/receipts/7/").status_code == 200  # the root urlconf is mounted now
    messages = run_checks()
    assert [m.id for m in messages if m.id == "mizan.E005"] == ["mizan.E005"]
    others = [m for m in messages if m.is_serious() and m.id != "mizan.E005"]
    assert others == []  # Django's own URL checks are happy with the mounted urlconf


def test_a_route_django_cannot_parse_is_left_out_not_fatal() -> None:
    # Otherwise importing the project's urlconf would raise, and `manage.py check`
    # would crash there instead of reporting mizan.E004.
    from mizan_core.registry import Registry
    from mizan_django.routes import route_patterns

    @client(route="/bad/<nope:x>/")
    def bad(request: HttpRequest, x: int) -> HttpResponse:
        return HttpResponse("bad")

    @client(route="/good/<int:x>/")
    def good(request: HttpRequest, x: int) -> HttpResponse:
        return HttpResponse("good")

    registry = Registry()
    registry.register(bad, "t_bad")
    registry.register(good, "t_good")
    assert [p.name for p in route_patterns(registry)] == ["route-t_good"]
