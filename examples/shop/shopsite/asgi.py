"""ASGI entry point: HTTP plus Mizan's multiplexed websocket."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shopsite.settings")

from mizan_django import wrap_asgi  # noqa: E402  (needs settings first)

application = wrap_asgi(get_asgi_application())
