"""Django settings for the django-allauth flows (run with ``--ds=tests.allauth.settings``).

The runtime tests' settings with allauth's apps, its middleware and its
URLs, ``mizan_django.allauth``, mandatory email verification into Django's
locmem outbox, and a small failed-login rate limit so a test can reach it.
"""

import sys
from pathlib import Path

from tests.django.settings import *
from tests.django.settings import MIDDLEWARE

#: the project as a user has it: its app `authsite` at the top of its source root
PROJECT = Path(__file__).resolve().parent / "project"
sys.path.insert(0, str(PROJECT))

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "mizan_django",
    "mizan_django.allauth",
    "mizan_django.allauth.mfa",
    "authsite",
]
MIDDLEWARE = [*MIDDLEWARE, "django.contrib.messages.middleware.MessageMiddleware",
              "allauth.account.middleware.AccountMiddleware"]
ROOT_URLCONF = "tests.allauth.urls"
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip,3/5m/key"}
STATIC_URL = "/static/"  # the live server of the browser test serves static files
