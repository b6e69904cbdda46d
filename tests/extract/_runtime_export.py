"""Run in a fresh interpreter: boot Django with one fixture app and print the
runtime IR (KDL). Usage: python -m tests.extract._runtime_export ROOT APP"""

from __future__ import annotations

import sys


def main(root: str, app: str) -> None:
    sys.path.insert(0, root)
    import django
    from django.conf import settings

    settings.configure(
        INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "mizan_django", app],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        SECRET_KEY="parity-test-only", DEBUG=True, USE_TZ=True,
        MIZAN_CACHE_SECRET="parity-test-cache-secret-0123456789abcdef",
        MIZAN_MWT_SECRET="parity-test-mwt-secret-0123456789abcdef",
    )
    django.setup()
    from mizan_core.ir import dumps_kdl
    from mizan_django.export import runtime_ir

    sys.stdout.write(dumps_kdl(runtime_ir()))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
