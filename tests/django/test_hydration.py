"""SSR hydration: ``{% mizan_hydration %}`` embeds the global contexts for this request."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.template import Context, Template
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def render(user: Any) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load mizan %}{% mizan_hydration %}").render(Context({"request": request}))


def test_hydration_embeds_global_context_values(users: dict[str, Any]) -> None:
    html = render(users["alice"])
    match = re.fullmatch(r'<script type="application/json" id="mizan-hydration">(.*)</script>',
                         html)
    assert match is not None
    data = json.loads(match.group(1))
    assert data == {"version": 1, "contexts": {"global": {
        "whoami": {"username": "alice", "staff": False}}}}


def test_hydration_escapes_html(users: dict[str, Any], django_user_model: Any) -> None:
    sneaky = django_user_model.objects.create_user("</script><b>&", password="pw")
    html = render(sneaky)
    assert "</script><b>" not in html.removesuffix("</script>")
    assert "\\u003C/script\\u003E" in html
