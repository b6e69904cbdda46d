"""Mizan's Django settings, read once and re-read when a test overrides them.

Every ``MIZAN_*`` setting and its default lives here, so the request pipeline
reads plain attributes instead of calling ``getattr(settings, ...)`` on every
request. The system checks (``mizan_django.checks``) refuse to start without
the two secrets outside ``DEBUG``; in ``DEBUG`` a missing secret is derived
from ``SECRET_KEY`` with a purpose label, so a fresh project runs as is.

"In ``DEBUG``" means the project's own setting: Django's and pytest-django's
test runners assign ``DEBUG = False`` after startup (without
``setting_changed``), and a project that runs without secrets in DEBUG must
still answer under its test suite. An explicit ``override_settings(DEBUG=...)``
is taken at its word.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

from mizan_core.tokens import derive_key, key_id

__all__ = [
    "MizanSettings", "allauth_frontend_urls", "allauth_issues_token", "cache_redis_url",
    "channel_layer_redis_url", "config", "configured_secret", "ws_path",
]

DEFAULT_MAX_BODY_BYTES = 1024 * 1024
#: Seconds a mutation waits for its purge to reach a failing cache backend.
DEFAULT_PURGE_TIMEOUT = 5.0


@dataclass(frozen=True)
class MizanSettings:
    debug: bool
    cache_secret: str
    mwt_secret: str
    mwt_old_secrets: tuple[str, ...]
    mwt_audience: str
    mwt_ttl: int
    mwt_leeway: int
    cache_redis_url: str | None
    cache_alias: str
    cache_timeout: int
    max_body_bytes: int
    #: seconds a mutation's answer waits for its purge to be written (``MIZAN_PURGE_TIMEOUT``)
    purge_timeout: float
    trusted_origins: tuple[str, ...]
    #: derived once: the cache-key HMAC key and its public id
    cache_key: bytes
    cache_kid: str

    @property
    def mwt_secrets(self) -> tuple[str, ...]:
        """Accepted secrets for verification: current first, then the old ones."""
        return (self.mwt_secret, *self.mwt_old_secrets)


def _secret(name: str, debug: bool) -> str:
    value: Any = getattr(settings, name, None)
    if isinstance(value, str) and value:
        return value
    if value is not None and value != "":
        raise ImproperlyConfigured(f"{name} must be a non-empty string.")
    if not debug:
        raise ImproperlyConfigured(
            f"{name} is not set. Mizan needs it outside DEBUG: set {name} to a long random "
            "string (for example from `python -c 'import secrets; print(secrets.token_urlsafe(48))'`)."
        )
    # DEBUG only: a stable per-project value, separate per purpose.
    base = str(getattr(settings, "SECRET_KEY", "")).encode() or b"mizan-debug"
    return hmac.new(base, f"mizan-debug/{name}".encode(), hashlib.sha256).hexdigest()


#: ``settings.DEBUG`` when the app started (``MizanAppConfig.ready``), and how many
#: ``override_settings(DEBUG=...)`` are active right now.
_startup_debug = False
_debug_overrides = 0


def remember_startup_debug() -> None:
    """Called once from ``AppConfig.ready()``, before any test runner changes DEBUG."""
    global _startup_debug
    _startup_debug = bool(getattr(settings, "DEBUG", False))


def require_secrets_at_startup() -> None:
    """Refuse to start outside DEBUG without the two secrets, as Django itself
    refuses an empty ``SECRET_KEY``: raised from ``AppConfig.ready()``, so every
    server (runserver, gunicorn, uvicorn, daphne) stops with the message instead
    of answering 500 to each call. Settings changed after startup are caught by
    the system checks (mizan.E001/E002) and by the first call."""
    if _startup_debug:
        return
    for name in ("MIZAN_CACHE_SECRET", "MIZAN_MWT_SECRET"):
        _secret(name, debug=False)


def secrets_optional() -> bool:
    """May a missing secret be derived from ``SECRET_KEY``? Only in DEBUG (see above)."""
    debug = bool(getattr(settings, "DEBUG", False))
    if _debug_overrides:
        return debug
    return debug or _startup_debug


def _load() -> MizanSettings:
    debug = bool(getattr(settings, "DEBUG", False))
    optional = secrets_optional()
    cache_secret = _secret("MIZAN_CACHE_SECRET", optional)
    old = getattr(settings, "MIZAN_MWT_OLD_SECRETS", ()) or ()
    if isinstance(old, str) or not all(isinstance(s, str) and s for s in old):
        raise ImproperlyConfigured("MIZAN_MWT_OLD_SECRETS must be a list of non-empty strings.")
    return MizanSettings(
        debug=debug,
        cache_secret=cache_secret,
        mwt_secret=_secret("MIZAN_MWT_SECRET", optional),
        mwt_old_secrets=tuple(old),
        mwt_audience=str(getattr(settings, "MIZAN_MWT_AUDIENCE", "mizan")),
        mwt_ttl=int(getattr(settings, "MIZAN_MWT_TTL", 3600)),
        mwt_leeway=int(getattr(settings, "MIZAN_MWT_LEEWAY", 30)),
        cache_redis_url=cache_redis_url(),
        cache_alias=str(getattr(settings, "MIZAN_CACHE_ALIAS", "default")),
        cache_timeout=int(getattr(settings, "MIZAN_CACHE_TIMEOUT", 300)),
        max_body_bytes=int(getattr(settings, "MIZAN_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES)),
        purge_timeout=_purge_timeout(),
        trusted_origins=tuple(getattr(settings, "CSRF_TRUSTED_ORIGINS", ()) or ()),
        cache_key=derive_key(cache_secret, "cache/v1"),
        cache_kid=key_id(cache_secret, "cache"),
    )


def _purge_timeout() -> float:
    value: Any = getattr(settings, "MIZAN_PURGE_TIMEOUT", DEFAULT_PURGE_TIMEOUT)
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = -1.0
    if isinstance(value, bool) or not 0 <= seconds < float("inf"):
        raise ImproperlyConfigured(
            f"MIZAN_PURGE_TIMEOUT must be a number of seconds, 0 or more; got {value!r}.")
    return seconds


# Read where they are used, each time: they need no secret, and the system
# checks read them while the secrets may still be missing.

def configured_secret(name: str) -> str | None:
    """``MIZAN_CACHE_SECRET`` or ``MIZAN_MWT_SECRET`` as set (a non-empty string), else None."""
    value: Any = getattr(settings, name, None)
    return value if isinstance(value, str) and value else None


def cache_redis_url() -> str | None:
    """``MIZAN_CACHE_REDIS_URL``: the context cache's Redis (none: Django's cache)."""
    return getattr(settings, "MIZAN_CACHE_REDIS_URL", None) or None


def channel_layer_redis_url() -> str | None:
    """``MIZAN_CHANNEL_LAYER_REDIS_URL``, else the cache's Redis: where the fallback channel
    layer lives (none: in memory)."""
    return getattr(settings, "MIZAN_CHANNEL_LAYER_REDIS_URL", None) or cache_redis_url()


def ws_path() -> str:
    """``MIZAN_WS_PATH`` (default ``/ws/mizan/``), with one slash at each end."""
    return "/" + str(getattr(settings, "MIZAN_WS_PATH", "/ws/mizan/")).strip("/") + "/"


def allauth_issues_token() -> bool:
    """``MIZAN_ALLAUTH_ISSUE_TOKEN``: a sign-in through ``mizan_django.allauth`` answers an MWT too."""
    return bool(getattr(settings, "MIZAN_ALLAUTH_ISSUE_TOKEN", False))


def allauth_frontend_urls() -> dict[str, Any]:
    """``MIZAN_ALLAUTH_FRONTEND_URLS``: page name -> the frontend URL allauth's mails link to."""
    urls = getattr(settings, "MIZAN_ALLAUTH_FRONTEND_URLS", None) or {}
    return dict(urls)


_current: MizanSettings | None = None


def config() -> MizanSettings:
    """The current configuration (loaded on first use)."""
    global _current
    if _current is None:
        _current = _load()
    return _current


@receiver(setting_changed)
def _forget(*, setting: str, enter: bool = True, **_: object) -> None:
    global _current, _debug_overrides
    if setting == "DEBUG":
        _debug_overrides = _debug_overrides + 1 if enter else max(0, _debug_overrides - 1)
    if setting.startswith("MIZAN_") or setting in ("DEBUG", "SECRET_KEY", "CSRF_TRUSTED_ORIGINS",
                                                   "CACHES"):
        _current = None  # the cache backend, built from config(), follows by itself
