"""Serving context functions: HMAC-keyed server cache, ETags, Cache-Control.

A context value is cached under ``mizan_core.tokens.cache_key`` over the
function, its ``rev``, its arguments as it receives them (``_identity``), the
invalidation namespaces it lives in, and who asked: ``user:<pk>`` plus a
fingerprint (active/staff/superuser flags, the request language, the keys
of the user's groups (one query), the session auth hash and the username)
for a logged-in user, ``session:<hash>`` for
an anonymous visitor with a
session, and the explicit *shared* marker (with the request language) only
for an anonymous request without a session cookie. No user can be served another user's value, and a
key reveals nothing.

The primary key alone does not name a user for long: SQLite hands a
rolled-back key out again (two tests of a suite), and a deleted account's key
can come back. The username and the session auth hash (an HMAC of the
password hash, so it changes with the password; Django computes it without a
query) tell such users apart. The username comes last in the fingerprint:
the fields before it have fixed alphabets, so no username can imitate them.

The shared marker is chosen before the function runs, so what the function
does decides the rest: a computation that writes the session (an anonymous
basket id, which creates the visitor's session) or issues a CSRF token made
a value for this visitor alone. It is served to them, ``private``, and not
stored; their next request carries the new session cookie and is cached
under that session.

A context's value must therefore depend only on its arguments and on who
asks; anything else it reads (the clock, another request header, the
permissions granted to a group or a user) is cached for
``MIZAN_CACHE_TIMEOUT`` seconds (0 disables the cache).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Mapping
from typing import Any

from django.http import HttpRequest
from pydantic import BaseModel, SecretBytes, SecretStr
from pydantic_core import to_jsonable_python

from mizan_core.tokens import cache_key, canonical_json
from mizan_django import cache
from mizan_django._plan import Plan
from mizan_django.conf import config
from mizan_django.invalidation import Graph, namespace_keys

__all__ = ["CachedValue", "context_value", "etag_matches", "principal_of"]


def principal_of(request: HttpRequest) -> tuple[str | None, str]:
    """``(principal, permissions)``; principal None means a value shared by everyone
    (of one language: ``permissions`` names it)."""
    user = getattr(request, "user", None)
    language = getattr(request, "LANGUAGE_CODE", "")
    if user is not None and user.is_authenticated:
        permissions = (f"active={int(bool(getattr(user, 'is_active', True)))};"
                       f"staff={int(bool(getattr(user, 'is_staff', False)))};"
                       f"superuser={int(bool(getattr(user, 'is_superuser', False)))};"
                       f"lang={language};"
                       f"groups={_group_keys(user)};"
                       f"auth={_session_auth_hash(user)};"
                       f"username={user.get_username()}")
        return f"user:{user.pk}", permissions
    session = getattr(request, "session", None)
    session_key = getattr(session, "session_key", None)
    if session_key:
        return "session:" + hashlib.sha256(session_key.encode()).hexdigest(), f"lang={language}"
    return None, f"lang={language}"  # shared by everybody who reads this language


def _group_keys(user: Any) -> str:
    # One query: an auth= rule or the function itself may ask about groups, and a
    # removal from a group must not wait for MIZAN_CACHE_TIMEOUT.
    groups = getattr(user, "groups", None)
    if groups is None or not hasattr(groups, "values_list"):
        return ""
    return ",".join(str(pk) for pk in sorted(groups.values_list("pk", flat=True)))


def _session_auth_hash(user: Any) -> str:
    # A user class that is not an AbstractBaseUser may lack it; the pk and username remain.
    auth_hash = getattr(user, "get_session_auth_hash", None)
    return auth_hash() if callable(auth_hash) else ""


class CachedValue:
    """A serialised result and its ETag; ``shared`` when not per-user."""

    __slots__ = ("etag", "result", "shared")

    def __init__(self, result: bytes, etag: str, shared: bool) -> None:
        self.result = result
        self.etag = etag
        self.shared = shared

    def encode(self) -> bytes:
        return self.etag.encode("ascii") + b"\n" + self.result

    @classmethod
    def decode(cls, data: bytes, shared: bool) -> CachedValue:
        etag, _, result = data.partition(b"\n")
        return cls(result, etag.decode("ascii"), shared)


def _etag(result: bytes) -> str:
    return '"' + hashlib.sha256(result).hexdigest()[:32] + '"'


def context_value(
    request: HttpRequest, plan: Plan, args: Any, g: Graph, compute: Callable[[], bytes]
) -> CachedValue:
    """The serialised value of a context call: from the cache, else ``compute()``."""
    cfg = config()
    principal, permissions = principal_of(request)
    if cfg.cache_timeout <= 0:
        return _computed(request, compute, principal is None)
    store = cache.backend()
    json_args = plan.json_args(args)
    namespaces = namespace_keys(g, plan.name, json_args)
    versions = store.versions(namespaces, max(2 * cfg.cache_timeout, 60)) if namespaces else []
    key = cache_key(
        cfg.cache_key, kid=cfg.cache_kid, function=plan.name, rev=plan.meta.rev,
        args=_identity(plan.kwargs(args)),
        principal=principal, permissions=permissions,
        namespace=b".".join(versions).decode("ascii", "replace"),
    )
    hit = store.get_many([key])[0]
    if hit is not None:
        return CachedValue.decode(hit, principal is None)
    value = _computed(request, compute, principal is None)
    if value.shared or principal is not None:
        store.set(key, value.encode(), cfg.cache_timeout)
    return value


def _identity(value: Any) -> Any:
    """The arguments as the function receives them, as JSON data for the cache key.

    Not ``model_dump``: that masks a ``SecretStr`` as ``**********`` and drops a
    ``Field(exclude=True)``, so two different calls would share one value. Here
    every field counts and secrets are read (the key is an HMAC: they never
    leave it).
    """
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, BaseModel):
        return {name: _identity(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, (SecretStr, SecretBytes)):
        return _identity(value.get_secret_value())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _identity(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(to_jsonable_python(k)): _identity(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((_identity(item) for item in value), key=canonical_json)
    if isinstance(value, (list, tuple)):
        return [_identity(item) for item in value]
    return to_jsonable_python(value)


def _visitor_state(request: HttpRequest) -> tuple[Any, ...]:
    """What a computation can do that makes its value this visitor's own: write the
    session (which creates one), or issue a CSRF token (a cookie)."""
    session = getattr(request, "session", None)
    return (getattr(session, "modified", False), getattr(session, "session_key", None),
            request.META.get("CSRF_COOKIE"), request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def _computed(request: HttpRequest, compute: Callable[[], bytes], shared: bool) -> CachedValue:
    """``compute()``; a value meant for everybody stops being shared if computing it
    gave this visitor a session or a cookie (then it is served to them and not kept)."""
    before = _visitor_state(request) if shared else None
    result = compute()
    if shared and _visitor_state(request) != before:
        shared = False
    return CachedValue(result, _etag(result), shared)


def etag_matches(request: HttpRequest, etag: str) -> bool:
    """``If-None-Match`` names this ETag (weak comparison, as RFC 9110 asks for GET)."""
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header:
        return False
    if header.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in header.split(","))
