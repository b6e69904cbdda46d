"""The demo shop's settings plus a test app, for real-server websocket tests.

Environment: ``MIZAN_SHOP_DB`` (the SQLite file both server processes share)
and, for the multi-process tests, ``MIZAN_TEST_REDIS_URL``: then the channel
layer is ``channels_redis`` and Mizan's context cache is that Redis, so two
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

_REDIS = os.environ.get("MIZAN_TEST_REDIS_URL")
if _REDIS:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer",
                                  "CONFIG": {"hosts": [_REDIS]}}}
    MIZAN_CACHE_REDIS_URL = _REDIS
