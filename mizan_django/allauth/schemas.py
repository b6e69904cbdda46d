"""What the ``auth.*`` server functions return (pydantic, as sent on the wire)."""

from __future__ import annotations

from pydantic import BaseModel

__all__ = ["AuthSession", "AuthUser", "Sent"]


class AuthUser(BaseModel):
    """The signed-in user as allauth shows them (``user_display``)."""

    id: str
    username: str
    email: str
    display: str
    email_verified: bool


class AuthSession(BaseModel):
    """Who is signed in and which allauth flow waits for a step.

    ``pending`` names allauth's pending login stages by their keys
    (``"verify_email"``, ``"mfa_authenticate"``, ``"login_by_code"``...);
    ``token`` is an MWT for the signed-in user, set only by the functions that
    sign in and only when ``MIZAN_ALLAUTH_ISSUE_TOKEN`` is true.
    """

    is_authenticated: bool
    user: AuthUser | None
    pending: list[str]
    token: str | None


class Sent(BaseModel):
    """An email was asked for (allauth may send nothing to an unknown address
    when ``ACCOUNT_PREVENT_ENUMERATION`` is on, and says the same)."""

    sent: bool
