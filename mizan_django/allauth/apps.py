"""The ``mizan_django.allauth`` app: registers allauth's flows as server functions."""

from __future__ import annotations

from django.apps import AppConfig

__all__ = ["MizanAllauthConfig"]


class MizanAllauthConfig(AppConfig):
    name = "mizan_django.allauth"
    label = "mizan_allauth"
    verbose_name = "Mizan for django-allauth"

    def ready(self) -> None:
        from mizan_django.setup import mizan_clients

        mizan_clients("mizan_django.allauth")
