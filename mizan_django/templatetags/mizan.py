"""``{% load mizan %}{% mizan_hydration %}``: global contexts in the page, for SSR.

Renders ``<script type="application/json" id="mizan-hydration">`` holding
``{"version": 1, "contexts": {"global": {"<function>": <result>}}}``: the value
of every ``context="global"`` function for the current request, computed
through the same pipeline pieces as a ``GET`` (auth, cache), so the
generated ``<MizanContext>`` starts from them without a fetch. A function the
user may not call is left out (the client fetches it and gets the error). The
JSON is escaped for HTML (``<``, ``>``, ``&`` as ``\\u003c``...).

Rendering the tag also asks Django for the CSRF token, as ``{% csrf_token %}``
does, so the page's response sets (or renews) the ``csrftoken`` cookie the
generated client echoes in ``X-CSRFToken``.
"""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from mizan_django.hydration import global_context_values

register = template.Library()

_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def mizan_hydration(context: dict[str, Any], request: HttpRequest | None = None) -> SafeString:
    """Embed the global contexts' values for ``request`` (default: the template's)."""
    request = request if request is not None else context.get("request")
    if request is None:
        raise template.TemplateSyntaxError(
            "{% mizan_hydration %} needs the request: enable the "
            "django.template.context_processors.request context processor or pass it."
        )
    get_token(request)  # the page's response carries the csrftoken cookie
    values = global_context_values(request)
    body = ('{"version":1,"contexts":{"global":{'
            + ",".join(f"{json.dumps(name)}:{raw.decode('utf-8')}" for name, raw in values.items())
            + "}}}")
    return format_html('<script type="application/json" id="mizan-hydration">{}</script>',
                       mark_safe(body.translate(_ESCAPES)))
