"""Run in a fresh interpreter: boot Django with one app of a project written
by a test, then answer on stdout (JSON) what the test asks on stdin.

Usage: python -m tests.django._boot_app ROOT APP < {"calls": [[name, body], ...], "check": bool}
Each call is a real POST through Django's test client; "check" runs the
system checks as `manage.py check` does and lists the errors' ids and texts.
"""

from __future__ import annotations

import json
import sys


def main(root: str, app: str) -> None:
    sys.path.insert(0, root)
    import django
    from django.conf import settings

    settings.configure(
        INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "mizan_django", app],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        SECRET_KEY="boot-app-test-only", DEBUG=False, USE_TZ=True, ALLOWED_HOSTS=["testserver"],
        ROOT_URLCONF="tests.django.urls",
        MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware",
                    "django.contrib.auth.middleware.AuthenticationMiddleware"],
        MIZAN_CACHE_SECRET="boot-app-cache-secret-0123456789abcdef",
        MIZAN_MWT_SECRET="boot-app-mwt-secret-0123456789abcdef",
    )
    django.setup()
    from django.core import checks
    from django.test import Client

    asked = json.load(sys.stdin)
    client = Client()
    answers: dict[str, object] = {"calls": []}
    for name, body in asked.get("calls", []):
        response = client.post(f"/api/mizan/call/{name}", json.dumps(body),
                               content_type="application/json")
        answers["calls"].append([response.status_code, json.loads(response.content)])  # type: ignore[union-attr]
    if asked.get("check"):
        answers["check"] = [[m.id, m.msg] for m in checks.run_checks() if m.is_serious()]
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
