"""An allauth account adapter whose emailed links open the frontend's pages.

``ACCOUNT_ADAPTER = "mizan_django.allauth.adapter.AccountAdapter"`` with::

    MIZAN_ALLAUTH_FRONTEND_URLS = {
        "verify_email": "https://app.example/verify/{key}",
        "password_reset": "https://app.example/reset/{key}",
    }

puts the key into the React app's URL (which calls ``auth.email.confirm`` or
``auth.password.reset_confirm`` with it) instead of allauth's own pages; a
missing entry keeps allauth's link. Everything else is allauth's default
adapter, so it is also the base to subclass for a project's own adapter.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from mizan_django.conf import allauth_frontend_urls

__all__ = ["AccountAdapter"]


def _frontend(page: str) -> str | None:
    url = allauth_frontend_urls().get(page)
    return url if isinstance(url, str) else None


class AccountAdapter(DefaultAccountAdapter):
    def get_email_confirmation_url(self, request: HttpRequest, emailconfirmation: Any) -> str:
        url = _frontend("verify_email")
        if url is None:
            default: str = super().get_email_confirmation_url(request, emailconfirmation)
            return default
        return url.format(key=emailconfirmation.key)

    def get_reset_password_from_key_url(self, key: str) -> str:
        url = _frontend("password_reset")
        if url is None:
            default: str = super().get_reset_password_from_key_url(key)  # allauth is untyped
            return default
        return url.format(key=key)
