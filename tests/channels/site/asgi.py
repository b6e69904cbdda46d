"""What the test servers run: the project's ASGI app through ``wrap_asgi``."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.channels.site.settings")

from mizan_django import wrap_asgi

application = wrap_asgi(get_asgi_application())
