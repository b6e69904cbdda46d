"""Create the shared database and print credentials as JSON (run in a subprocess).

Users: ``alice`` (staff), ``bob`` and ``root`` (superuser); the product ``tea``. Prints session keys
and MWTs for both, so tests can connect with a cookie or ``?token=``.
"""

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.channels.site.settings")
django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from shop.models import Product

from mizan_django.auth import issue_token

call_command("migrate", verbosity=0)
Product.objects.create(sku="tea", name="Tea", price="4.50", stock=5)
out = {}
for name, staff in (("alice", True), ("bob", False), ("root", True)):
    user = User.objects.create_user(name, password="pw-" + name, is_staff=staff,
                                    is_superuser=name == "root")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    out[name] = {"session": session.session_key, "token": issue_token(user)}
print(json.dumps(out))
