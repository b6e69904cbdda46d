"""``path("api/mizan/", include("mizan_django.urls"))``: the call endpoint and the routes.

``call/<name>`` serves every registered function. ``route=`` functions are
also mounted here, relative to where this module is included
(``route="/receipt/<int:order_id>/"`` -> ``/api/mizan/receipt/<order_id>/``),
and at the site root (``/receipt/<order_id>/``, see ``mizan_django.routes``).
"""

from __future__ import annotations

from django.urls import re_path

from mizan_django import views
from mizan_django.routes import route_patterns

app_name = "mizan"

urlpatterns = [
    # Any name, with a slash or empty, is just a key: unknown, a JSON 404, not a URL miss.
    re_path(r"^call/(?P<name>.*)\Z", views.call, name="call"),
    *route_patterns(),
]
