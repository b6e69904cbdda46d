"""Settings of the Mizan demo shop: DEBUG, SQLite, no Redis.

Development values only. The two Mizan secrets below are fixed so the demo is
reproducible; a real project reads them from the environment (they are
required outside DEBUG).
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "django-insecure-mizan-demo-shop-only"
DEBUG = True
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "mizan_django",
    "shop",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "shopsite.urls"
ASGI_APPLICATION = "shopsite.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]

# *.sqlite3 is git-ignored; MIZAN_SHOP_DB moves it (e.g. into a temp folder in tests).
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("MIZAN_SHOP_DB", str(BASE_DIR / "shop.sqlite3")),
    }
}

# No Redis: the Django cache backs Mizan's context cache, channels run in memory.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# The React app (examples/shop/frontend): `npm run build` writes dist/, whose
# files Django serves under STATIC_URL (Vite's `base`) and whose manifest the
# page template reads.
SHOP_FRONTEND_DIST = BASE_DIR / "frontend" / "dist"
STATIC_URL = "/static/"
STATICFILES_DIRS = [SHOP_FRONTEND_DIST]
LOGIN_REDIRECT_URL = "/"

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"

MIZAN_CACHE_SECRET = "dev-only-mizan-cache-secret-0123456789abcdef"
MIZAN_MWT_SECRET = "dev-only-mizan-mwt-secret-fedcba9876543210"
