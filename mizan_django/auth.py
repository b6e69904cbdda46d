"""Who is calling, and may they: bearer MWTs, session cookies, CSRF, origins, ``auth=``.

Authentication happens inside the pipeline for every transport, never by
matching URLs in middleware. A request with an ``Authorization`` header is
judged by that header alone: a valid ``Bearer <mwt>`` authenticates the
token's user and needs no CSRF token (no cookie is involved), anything else
in the header is a 401, even if a session cookie is also present. Without
the header, Django's session user is used, and an unsafe request that carries
the session cookie (logged in or not: an anonymous session holds state too)
is CSRF-checked by Django's own ``CsrfViewMiddleware`` logic.

A request with neither the header nor a session cookie carries no ambient
credential a forger could borrow, so it is not CSRF-checked (as in DRF and
django-ninja): scripts can call public functions with plain JSON. Browsers
cannot be used to forge such calls either, because every cross-site POST
carries an ``Origin`` and ``check_origin`` refuses foreign and ``null`` ones.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware

from mizan_core.client import AuthValue
from mizan_core.tokens import MwtError, issue_mwt, verify_mwt
from mizan_django.conf import config
from mizan_django.errors import MizanRequestError

__all__ = [
    "authenticate", "check_access", "check_origin", "enforce_csrf", "issue_token", "origin_allowed",
    "uses_session_cookie",
]


def issue_token(
    user: Any, *, ttl: int | None = None, audience: str | None = None,
    claims: dict[str, Any] | None = None,
) -> str:
    """An MWT for ``user`` (for SSR, scripts, websockets), signed with ``MIZAN_MWT_SECRET``."""
    cfg = config()
    credential = _credential(user)
    bound = {**(claims or {}), **({_CREDENTIAL_CLAIM: credential} if credential else {})}
    return issue_mwt(cfg.mwt_secret, sub=str(user.pk), aud=audience or cfg.mwt_audience,
                     ttl=ttl or cfg.mwt_ttl, claims=bound)


#: The claim that ties a token to the password it was issued under.
_CREDENTIAL_CLAIM = "cred"


def _credential(user: Any) -> str:
    """A digest of the user's password as Django's sessions use it (the session auth
    hash, an HMAC of the password hash): it changes when the password does, so a
    password change ends the user's tokens as it ends their sessions."""
    auth_hash = getattr(user, "get_session_auth_hash", None)
    return str(auth_hash())[:22] if callable(auth_hash) else ""


def user_from_token(token: str) -> Any:
    """The active user an MWT names, or ``MizanRequestError`` 401."""
    cfg = config()
    try:
        claims = verify_mwt(token, cfg.mwt_secrets, audience=cfg.mwt_audience,
                            leeway=cfg.mwt_leeway)
    except MwtError as error:
        raise MizanRequestError.unauthenticated(f"invalid bearer token: {error}") from None
    model = get_user_model()
    try:
        pk = model._meta.pk.to_python(claims.sub)
        # Only the spelling issue_token writes (str(user.pk)) names a user: " 1",
        # "01" or "١" parse to the same key but were never issued.
        if str(pk) != claims.sub:
            raise model.DoesNotExist
        user = model._default_manager.get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError, DjangoValidationError):
        raise MizanRequestError.unauthenticated("invalid bearer token: unknown user") from None
    if not getattr(user, "is_active", True):
        raise MizanRequestError.unauthenticated("invalid bearer token: inactive user")
    issued_under = claims.extra.get(_CREDENTIAL_CLAIM)
    # A token minted by hand with issue_mwt has no such claim: its minter held the secret.
    if issued_under is not None and not (
            isinstance(issued_under, str)
            and hmac.compare_digest(issued_under.encode(), _credential(user).encode())):
        raise MizanRequestError.unauthenticated(
            "invalid bearer token: the user's password changed since it was issued")
    return user


def authenticate(request: HttpRequest) -> bool:
    """Set ``request.user``; True when the caller used a bearer token (no CSRF)."""
    header = request.META.get("HTTP_AUTHORIZATION")
    if header is None:
        if not hasattr(request, "user"):
            # Without AuthenticationMiddleware (mizan.W001) nobody is logged in.
            request.user = AnonymousUser()
        return False
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise MizanRequestError.unauthenticated("the Authorization header must be 'Bearer <mwt>'")
    request.user = user_from_token(token.strip())
    return True


def uses_session_cookie(request: HttpRequest) -> bool:
    """True when the browser attached the session cookie by itself.

    Only the cookie is read: asking ``request.user`` here would load the
    session and user of every anonymous call (about 6% of an echo's cost).
    """
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def origin_allowed(origin: str, request: HttpRequest) -> bool:
    """The one origin rule of every transport: ``origin`` is this site as the
    request reached it (scheme, host and port, the host checked against
    ``ALLOWED_HOSTS``) or one of ``CSRF_TRUSTED_ORIGINS``. ``null`` never is."""
    if origin == "null":
        return False
    if origin == f"{request.scheme}://{request.get_host()}":
        return True
    for trusted in config().trusted_origins:
        if trusted == origin:
            return True
        if "*" in trusted:  # Django's subdomain wildcard: https://*.example.com
            scheme, _, pattern = trusted.partition("://")
            parts = urlsplit(origin)
            suffix = pattern.removeprefix("*")
            if parts.scheme == scheme and parts.netloc.endswith(suffix) and parts.netloc != suffix[1:]:
                return True
    return False


def check_origin(request: HttpRequest) -> None:
    """Refuse ``Origin: null`` and origins that are neither this site nor trusted."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        return
    if not origin_allowed(origin, request):
        raise MizanRequestError.csrf_failed(f"origin {origin!r} is not allowed")


class _CsrfCheck(CsrfViewMiddleware):
    """Django's CSRF logic, reporting the reason instead of rendering a page."""

    def _reject(self, request: HttpRequest, reason: str) -> HttpResponse:
        response = HttpResponse(status=403)
        response.reason_phrase = reason
        return response


def _accept(request: HttpRequest) -> HttpResponse:
    return HttpResponse()


_csrf = _CsrfCheck(_accept)


def enforce_csrf(request: HttpRequest) -> None:
    """Django's CSRF check for a cookie-authenticated unsafe request."""
    refused = _csrf.process_view(request, _accept, (), {})
    if refused is not None:
        raise MizanRequestError.csrf_failed(
            f"CSRF verification failed ({refused.reason_phrase}); send the csrftoken "
            "cookie's value in the X-CSRFToken header, or authenticate with a bearer token"
        )


def _is_authenticated(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def check_access(rule: AuthValue, request: HttpRequest) -> None:
    """Apply ``auth=``: 401 when a login could help, 403 when it would not."""
    if rule is False:
        return
    authenticated = _is_authenticated(request)
    if callable(rule):
        # A custom rule may admit anonymous callers, so it decides first.
        predicate: Callable[[HttpRequest], bool] = rule
        allowed = bool(predicate(request))
    elif not authenticated:
        raise MizanRequestError.unauthenticated()
    elif rule == "staff":
        allowed = bool(request.user.is_staff)
    elif rule == "superuser":
        allowed = bool(request.user.is_superuser)
    else:
        allowed = True
    if not allowed:
        if not authenticated:
            raise MizanRequestError.unauthenticated()
        raise MizanRequestError.forbidden()
