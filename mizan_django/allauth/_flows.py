"""What the ``auth.*`` functions share: allauth's verdicts as Mizan errors, the session state."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.account.internal.stagekit import get_pending_stage
from allauth.account.models import EmailAddress
from allauth.account.utils import user_display, user_email, user_username
from allauth.core import ratelimit
from allauth.core.exceptions import ImmediateHttpResponse
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.utils import ErrorDict
from django.http import HttpRequest

from mizan_django.allauth.schemas import AuthSession, AuthUser
from mizan_django.conf import allauth_issues_token
from mizan_django.errors import MizanRequestError

#: allauth's error codes that mean "too many attempts": a 429, not a form error.
_RATE_LIMIT_CODES = frozenset({"too_many_login_attempts"})


def _messages(errors: ErrorDict) -> tuple[dict[str, list[str]], list[str], bool]:
    fields: dict[str, list[str]] = {}
    general: list[str] = []
    limited = False
    for field, error_list in errors.as_data().items():
        texts = [str(message) for error in error_list for message in error.messages]
        limited = limited or any(error.code in _RATE_LIMIT_CODES for error in error_list)
        if field == NON_FIELD_ERRORS:
            general.extend(texts)
        else:
            fields[field] = texts
    return fields, general, limited


def form_error(form: forms.BaseForm) -> MizanRequestError:
    """The form's own messages in the shape a form submit answers with
    (``invalid_form``: ``{"errors": {field: [...]}, "non_field_errors": [...]}``);
    allauth's "too many attempts" verdict is a 429 ``rate_limited`` in that shape."""
    fields, general, limited = _messages(form.errors)
    details = {"errors": fields, "non_field_errors": general}
    if limited:
        message = general[0] if general else "too many attempts: try again later"
        return MizanRequestError(429, "rate_limited", message, details)
    return MizanRequestError(400, "invalid_form", "the form is not valid", details)


def field_error(field: str, message: str) -> MizanRequestError:
    return MizanRequestError(400, "invalid_form", "the form is not valid",
                             {"errors": {field: [message]}, "non_field_errors": []})


def valid(form: forms.BaseForm) -> None:
    if not form.is_valid():
        raise form_error(form)


def consume(request: HttpRequest, action: str, key: str | None = None) -> None:
    """Spend one of allauth's ``ACCOUNT_RATE_LIMITS[action]``, or answer 429."""
    if not ratelimit.consume(request, action=action, key=key):
        raise MizanRequestError(429, "rate_limited", "too many requests: try again later",
                                {"action": action})


def run(flow: Callable[[], Any]) -> None:
    """Run an allauth flow for its effects: the redirect it answers with (a page
    of allauth's own templates) means nothing to a client, which reads the
    session state instead."""
    try:
        flow()
    except ImmediateHttpResponse:
        pass


def conflict(message: str) -> MizanRequestError:
    return MizanRequestError(409, "conflict", message)


def _user(user: Any) -> AuthUser:
    email = user_email(user) or ""
    verified = EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists() \
        if email else False
    return AuthUser(id=str(user.pk), username=user_username(user) or "", email=email,
                    display=str(user_display(user)), email_verified=verified)


def session_state(request: HttpRequest, *, signed_in: bool = False) -> AuthSession:
    """Who is signed in and which login stages wait; with ``signed_in`` (a
    function that signs in) and ``MIZAN_ALLAUTH_ISSUE_TOKEN``, an MWT too."""
    user = request.user
    if user.is_authenticated:
        token = None
        if signed_in and allauth_issues_token():
            from mizan_django.auth import issue_token

            token = issue_token(user)
        return AuthSession(is_authenticated=True, user=_user(user), pending=[], token=token)
    stage = get_pending_stage(request)
    return AuthSession(is_authenticated=False, user=None,
                       pending=[str(stage.key)] if stage else [], token=None)
