"""The ``mizan_django`` app: registers the system checks, refuses to start
outside DEBUG without its secrets, and serves ``route=`` paths at the site
root from the first request on (``mizan_django._mount``)."""

from __future__ import annotations

from django.apps import AppConfig
from django.core.signals import request_started


class MizanAppConfig(AppConfig):
    name = "mizan_django"
    label = "mizan"
    verbose_name = "Mizan"

    def ready(self) -> None:
        from mizan_django import checks  # registers the checks
        from mizan_django._mount import mount_routes_at_root
        from mizan_django._type_checks import check_annotations  # noqa: F401  (registers it)
        from mizan_django.conf import refuse_bad_settings_at_startup, remember_startup_debug

        remember_startup_debug()
        refuse_bad_settings_at_startup()
        request_started.connect(mount_routes_at_root, dispatch_uid="mizan_django.mount_routes_at_root")
        request_started.connect(checks.refuse_to_serve_on_errors,
                                dispatch_uid="mizan_django.refuse_to_serve_on_errors")
