"""The ``mizan_django.allauth.mfa`` app: registers the MFA step of a login."""

from __future__ import annotations

from django.apps import AppConfig

__all__ = ["MizanAllauthMfaConfig"]


class MizanAllauthMfaConfig(AppConfig):
    name = "mizan_django.allauth.mfa"
    label = "mizan_allauth_mfa"
    verbose_name = "Mizan for django-allauth MFA"

    def ready(self) -> None:
        from mizan_django.setup import mizan_clients

        mizan_clients("mizan_django.allauth.mfa")
