"""Mizan's Django settings, read once and re-read when a test overrides them.

Every ``MIZAN_*`` setting and its default lives here, so the request pipeline
reads plain attributes instead of calling ``getattr(settings, ...)`` on every
request. Each setting is read through one reader that also says what it must
be, so a bad value is named the same way wherever it is found: by the system
check (``mizan.E009``, from :func:`setting_problems`), by the app's
``ready()`` outside ``DEBUG`` (the project refuses to start), and by
:func:`config` (a request is refused before any function runs). The system
checks (``mizan_django.checks``) refuse to start without the two secrets
outside ``DEBUG``; in ``DEBUG`` a missing secret is derived from
``SECRET_KEY`` with a purpose label, so a fresh project runs as is.

"In ``DEBUG``" means the project's own setting: Django's and pytest-django's
test runners assign ``DEBUG = False`` after startup (without
``setting_changed``), and a project that runs without secrets in DEBUG must
still answer under its test suite. An explicit ``override_settings(DEBUG=...)``
is taken at its word.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

from mizan_core.tokens import derive_key, key_id

__all__ = [
    "MizanSettings", "allauth_frontend_urls", "allauth_issues_token", "cache_redis_url",
    "channel_layer_redis_url", "config", "configured_secret", "refuse_bad_settings_at_startup",
    "remember_startup_debug", "same_secrets_problem", "secrets_optional", "setting_problems", "ws_path",
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


_T = TypeVar("_T")

_SECRETS = ("MIZAN_CACHE_SECRET", "MIZAN_MWT_SECRET", "MIZAN_MWT_OLD_SECRETS")


class _Invalid(Exception):
    """Raised by a reader: its argument says what the value must be."""


def _shown(name: str, value: object) -> str:
    if name in _SECRETS:  # never echo key material into a log or a check's output
        return f"a value of type {type(value).__name__}"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _read(name: str, default: object, reader: Callable[[Any], _T]) -> _T:
    value: Any = getattr(settings, name, default)
    try:
        return reader(value)
    except _Invalid as expected:
        raise ImproperlyConfigured(f"{name} must be {expected}; got {_shown(name, value)}.") from None


def _integer(minimum: int) -> Callable[[Any], int]:
    def read(value: Any) -> int:
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        elif isinstance(value, str):  # a value taken from the environment as is
            try:
                number = int(value.strip())
            except ValueError:
                number = None
        if number is None or number < minimum:
            raise _Invalid(f"an integer, {minimum} or more")
        return number
    return read


def _seconds(value: Any) -> float:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = -1.0
    if isinstance(value, bool) or not 0 <= seconds < math.inf:
        raise _Invalid("a number of seconds, 0 or more")
    return seconds


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise _Invalid("a non-empty string")
    return value


def _optional_text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _Invalid("a string (or None)")
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Invalid("True or False")
    return value


def _secret_list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)) \
            or not all(isinstance(s, str) and s for s in value):
        raise _Invalid("a list of non-empty strings")
    return tuple(value)


def _url_map(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise _Invalid("a dict of page names to URL strings")
    return dict(value)


def _cache_alias(value: Any) -> str:
    caches = getattr(settings, "CACHES", None) or {}
    if not isinstance(value, str) or value not in caches:
        known = ", ".join(repr(k) for k in caches) or "none"
        raise _Invalid(f"the alias of a cache in CACHES (defined: {known})")
    return value


def _secret(name: str, debug: bool) -> str:
    value: Any = getattr(settings, name, None)
    if isinstance(value, str) and value:
        return value
    if value is not None and value != "":
        raise ImproperlyConfigured(f"{name} must be a non-empty string; got {_shown(name, value)}.")
    if not debug:
        raise ImproperlyConfigured(
            f"{name} is not set. Mizan needs it outside DEBUG: set {name} to a long random "
            "string (for example from `python -c 'import secrets; print(secrets.token_urlsafe(48))'`)."
        )
    # DEBUG only: a stable per-project value, separate per purpose.
    base = str(getattr(settings, "SECRET_KEY", "")).encode() or b"mizan-debug"
    return hmac.new(base, f"mizan-debug/{name}".encode(), hashlib.sha256).hexdigest()


def _secret_type(name: str) -> Callable[[], object]:
    """The secret's type only: whether it may be missing is mizan.E001/E002's."""
    def check() -> object:
        return _secret(name, debug=True)
    return check


#: Every ``MIZAN_*`` setting, read the way the runtime reads it: what
#: :func:`setting_problems` runs (the secrets' presence aside).
_READERS: tuple[Callable[[], object], ...] = (
    _secret_type("MIZAN_CACHE_SECRET"),
    _secret_type("MIZAN_MWT_SECRET"),
    lambda: _read("MIZAN_MWT_OLD_SECRETS", (), _secret_list),
    lambda: _read("MIZAN_MWT_AUDIENCE", "mizan", _text),
    lambda: _read("MIZAN_MWT_TTL", 3600, _integer(1)),
    lambda: _read("MIZAN_MWT_LEEWAY", 30, _integer(0)),
    lambda: cache_redis_url(),
    lambda: _read("MIZAN_CACHE_ALIAS", "default", _cache_alias),
    lambda: _read("MIZAN_CACHE_TIMEOUT", 300, _integer(0)),
    lambda: _read("MIZAN_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, _integer(1)),
    lambda: _read("MIZAN_PURGE_TIMEOUT", DEFAULT_PURGE_TIMEOUT, _seconds),
    lambda: channel_layer_redis_url(),
    lambda: ws_path(),
    lambda: allauth_issues_token(),
    lambda: allauth_frontend_urls(),
)


def setting_problems() -> list[str]:
    """One sentence per ``MIZAN_*`` setting whose value Mizan cannot use, naming
    the setting, the value and what it must be (``mizan.E009``)."""
    problems: list[str] = []
    for reader in _READERS:
        try:
            reader()
        except ImproperlyConfigured as error:
            problems.append(str(error))
    return list(dict.fromkeys(problems))  # a fallback reads another setting again


#: ``settings.DEBUG`` when the app started (``MizanAppConfig.ready``), and how many
#: ``override_settings(DEBUG=...)`` are active right now.
_startup_debug = False
_debug_overrides = 0


def remember_startup_debug() -> None:
    """Called once from ``AppConfig.ready()``, before any test runner changes DEBUG."""
    global _startup_debug
    _startup_debug = bool(getattr(settings, "DEBUG", False))


def refuse_bad_settings_at_startup() -> None:
    """Refuse to start outside DEBUG without the two secrets, or with a setting
    Mizan cannot use, as Django itself refuses an empty ``SECRET_KEY``: raised
    from ``AppConfig.ready()``, so every server (runserver, gunicorn, uvicorn,
    daphne) stops with the message instead of answering 500 to each call.
    Settings changed after startup are caught by the system checks
    (mizan.E001/E002/E009) and by the first call, before its function runs."""
    if _startup_debug:
        return
    for name in ("MIZAN_CACHE_SECRET", "MIZAN_MWT_SECRET"):
        _secret(name, debug=False)
    problems = setting_problems()
    same = same_secrets_problem()
    if same is not None:
        problems.append(same)
    if problems:
        raise ImproperlyConfigured(" ".join(problems))


def same_secrets_problem() -> str | None:
    """mizan.E003: one secret for both purposes would let a cache signature
    stand for a bearer token's, or the reverse."""
    cache_secret = configured_secret("MIZAN_CACHE_SECRET")
    if cache_secret and cache_secret == configured_secret("MIZAN_MWT_SECRET"):
        return "MIZAN_CACHE_SECRET and MIZAN_MWT_SECRET are the same; use two different random secrets."
    return None


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
    problems = setting_problems()
    if problems:  # all of them at once, not one per attempt
        raise ImproperlyConfigured(" ".join(problems))
    return MizanSettings(
        debug=debug,
        cache_secret=cache_secret,
        mwt_secret=_secret("MIZAN_MWT_SECRET", optional),
        mwt_old_secrets=_read("MIZAN_MWT_OLD_SECRETS", (), _secret_list),
        mwt_audience=_read("MIZAN_MWT_AUDIENCE", "mizan", _text),
        mwt_ttl=_read("MIZAN_MWT_TTL", 3600, _integer(1)),
        mwt_leeway=_read("MIZAN_MWT_LEEWAY", 30, _integer(0)),
        cache_redis_url=cache_redis_url(),
        cache_alias=_read("MIZAN_CACHE_ALIAS", "default", _cache_alias),
        cache_timeout=_read("MIZAN_CACHE_TIMEOUT", 300, _integer(0)),
        max_body_bytes=_read("MIZAN_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, _integer(1)),
        purge_timeout=_read("MIZAN_PURGE_TIMEOUT", DEFAULT_PURGE_TIMEOUT, _seconds),
        trusted_origins=tuple(getattr(settings, "CSRF_TRUSTED_ORIGINS", ()) or ()),
        cache_key=derive_key(cache_secret, "cache/v1"),
        cache_kid=key_id(cache_secret, "cache"),
    )


# Read where they are used, each time: they need no secret, and the system
# checks read them while the secrets may still be missing.

def configured_secret(name: str) -> str | None:
    """``MIZAN_CACHE_SECRET`` or ``MIZAN_MWT_SECRET`` as set (a non-empty string), else None."""
    value: Any = getattr(settings, name, None)
    return value if isinstance(value, str) and value else None


def cache_redis_url() -> str | None:
    """``MIZAN_CACHE_REDIS_URL``: the context cache's Redis (none: Django's cache)."""
    return _read("MIZAN_CACHE_REDIS_URL", None, _optional_text)


def channel_layer_redis_url() -> str | None:
    """``MIZAN_CHANNEL_LAYER_REDIS_URL``, else the cache's Redis: where the fallback channel
    layer lives (none: in memory)."""
    return _read("MIZAN_CHANNEL_LAYER_REDIS_URL", None, _optional_text) or cache_redis_url()


def ws_path() -> str:
    """``MIZAN_WS_PATH`` (default ``/ws/mizan/``), with one slash at each end."""
    return "/" + _read("MIZAN_WS_PATH", "/ws/mizan/", _text).strip("/") + "/"


def allauth_issues_token() -> bool:
    """``MIZAN_ALLAUTH_ISSUE_TOKEN``: a sign-in through ``mizan_django.allauth`` answers an MWT too."""
    return _read("MIZAN_ALLAUTH_ISSUE_TOKEN", False, _flag)


def allauth_frontend_urls() -> dict[str, Any]:
    """``MIZAN_ALLAUTH_FRONTEND_URLS``: page name -> the frontend URL allauth's mails link to."""
    return dict(_read("MIZAN_ALLAUTH_FRONTEND_URLS", None, _url_map))


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
