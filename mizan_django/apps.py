"""The ``mizan_django`` app: registers the system checks and refuses to start
outside DEBUG without its secrets."""

from __future__ import annotations

from django.apps import AppConfig


class MizanConfig(AppConfig):
    name = "mizan_django"
    label = "mizan"
    verbose_name = "Mizan"

    def ready(self) -> None:
        from mizan_django import checks  # noqa: F401  (registers the checks)
        from mizan_django.conf import remember_startup_debug, require_secrets_at_startup

        remember_startup_debug()
        require_secrets_at_startup()
