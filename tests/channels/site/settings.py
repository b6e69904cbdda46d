"""The demo shop's settings plus a test app, for real-server websocket tests.

Environment: ``MIZAN_SHOP_DB`` (the SQLite file both server processes share),
``MIZAN_TEST_ALLOWED_HOSTS`` (comma-separated, replaces the shop's list)
and, for the multi-process tests, ``MIZAN_TEST_REDIS_URL``: then the channel
layer is ``channels_redis`` and Mizan's context cache is that Redis (the one
``MIZAN_CACHE_REDIS_URL`` setting gives both), so two
processes share groups and cached contexts.
"""

import os

from shopsite.settings import *
from shopsite.settings import INSTALLED_APPS

DEBUG = False  # errors must not carry internals
INSTALLED_APPS = [*INSTALLED_APPS, "tests.channels.site.wsapp"]
ROOT_URLCONF = "tests.channels.site.urls"
ASGI_APPLICATION = "tests.channels.site.asgi.application"
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "root": {"handlers": [], "level": "CRITICAL"}}

if os.environ.get("MIZAN_TEST_ALLOWED_HOSTS"):  # e.g. "*", as many deployments behind a proxy
    ALLOWED_HOSTS = os.environ["MIZAN_TEST_ALLOWED_HOSTS"].split(",")

_REDIS = os.environ.get("MIZAN_TEST_REDIS_URL")
if _REDIS:  # the one Redis setting: the channel layer follows it (no CHANNEL_LAYERS)
    CHANNEL_LAYERS: dict[str, object] = {}  # the shop's own in-memory layer, taken back
    MIZAN_CACHE_REDIS_URL = _REDIS
