"""MWT bearer tokens and HMAC cache keys: the two places Mizan signs bytes.

Framework-free so that another implementation (a FastAPI runtime, a Node SSR
server) can prove byte-compatibility against the pinned vectors in
``tests/vectors/``. Every secret is used through a key derived for one purpose
only (``derive_key``), so the MWT secret can never sign a cache key and the
cache secret can never sign a token.

Key derivation
--------------
``derive_key(secret, label) = HMAC-SHA256(key=secret, msg=b"mizan/" + label)``
with the labels ``mwt/v1`` (token signing), ``mwt-kid/v1`` (key id),
``cache/v1`` (cache keys) and ``cache-kid/v1`` (cache key id). A key id is
``b64url(derive_key(secret, "...-kid/v1")[:6])``: 8 characters that name a
secret without revealing it.

MWT (Mizan Web Token), version 1
--------------------------------
::

    mwt1.<kid>.<payload>.<signature>

- ``kid``: the key id of the signing secret (8 base64url characters).
- ``payload``: base64url (no padding) of the claims as compact JSON with
  sorted keys, UTF-8. Claims: ``sub`` (string, the user's primary key),
  ``aud`` (string), ``iat`` and ``exp`` (integer Unix seconds; ``exp`` is
  required), plus any extra string-keyed claims the issuer adds.
- ``signature``: base64url (no padding) of
  ``HMAC-SHA256(derive_key(secret, "mwt/v1"), b"mwt1." + kid + b"." + payload)``.

There is no algorithm field: the algorithm is fixed, so it cannot be
negotiated down. Verification is strict: exactly four dot-separated parts,
the ``mwt1`` prefix, a known ``kid`` (the current secret or one of the
accepted old secrets: key rotation), canonical base64url (no padding, and
decoding then re-encoding must give the same text, so a re-encoded token with
different trailing bits is refused), a constant-time signature comparison,
a JSON object without duplicate keys, ``exp`` in the future (allowing
``leeway`` seconds of clock skew, 30 by default), ``iat`` not in the future
beyond the leeway, and ``aud`` equal to the expected audience.

Cache keys, version 1
---------------------
A cached context value lives under ``"mizan:v1:" + hex(HMAC-SHA256(K, M))``
where ``K = derive_key(MIZAN_CACHE_SECRET, "cache/v1")`` and ``M`` is the
length-prefixed encoding (each field: 4-byte big-endian byte length, then the
UTF-8 bytes) of these fields, in order::

    "mizan-cache-v1", kid, function, str(rev), canonical_json(args),
    "shared" | "user", principal, permissions, namespace

``canonical_json`` is ``json.dumps(value, sort_keys=True,
separators=(",", ":"), ensure_ascii=False)`` of the arguments in JSON form
(after validation, defaults filled in). ``"shared"`` marks a value that
does not depend on who asks (``principal`` is then empty, and
``permissions`` holds what such a value still varies by: the request's
language); ``"user"`` a per-user value. ``namespace`` is the concatenation of
the invalidation namespace versions the value was computed under (see
``mizan_django.invalidation``). With lengths in front of every field, two
different inputs can never produce the same message, unlike plain
concatenation (``"ab" + "c" == "a" + "bc"``).

Invalidation namespaces are named the same way: ``"mizan:ns:" +
hex(HMAC-SHA256(K, M))`` with ``M`` the length-prefixed fields
``"mizan-ns-v1", kind, target, canonical_json(scope names), canonical_json(scope values or "*")``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mizan_core.errors import MizanError

__all__ = [
    "DEFAULT_LEEWAY",
    "MwtClaims",
    "MwtError",
    "MwtKey",
    "b64url_decode",
    "b64url_encode",
    "cache_key",
    "canonical_json",
    "derive_key",
    "encode_fields",
    "issue_mwt",
    "key_id",
    "namespace_key",
    "verify_mwt",
]

#: Seconds of clock skew tolerated on ``exp`` and ``iat``.
DEFAULT_LEEWAY = 30

_PREFIX = "mwt1"
_B64URL_RE = re.compile(r"[A-Za-z0-9_-]*", re.ASCII)
_KID_RE = re.compile(r"[A-Za-z0-9_-]{1,64}", re.ASCII)


class MwtError(MizanError):
    """A bearer token was refused. ``reason`` is a short stable word:
    ``malformed``, ``unknown_key``, ``bad_signature``, ``expired``,
    ``not_yet_valid`` or ``audience``."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def _secret_bytes(secret: str | bytes) -> bytes:
    if isinstance(secret, str):
        secret = secret.encode("utf-8")
    if not secret:
        raise ValueError("a Mizan secret must not be empty")
    return secret


def derive_key(secret: str | bytes, label: str) -> bytes:
    """A 32-byte key for one purpose, derived from a configured secret."""
    return hmac.new(_secret_bytes(secret), b"mizan/" + label.encode("ascii"), hashlib.sha256).digest()


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Strict base64url: no padding, URL alphabet only, canonical trailing bits."""
    if not _B64URL_RE.fullmatch(text) or len(text) % 4 == 1:
        raise ValueError("not canonical base64url")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise ValueError("not canonical base64url") from error
    if b64url_encode(data) != text:
        raise ValueError("not canonical base64url")
    return data


def key_id(secret: str | bytes, purpose: str = "mwt") -> str:
    """The public id of a secret (8 characters); ``purpose`` is ``mwt`` or ``cache``."""
    return b64url_encode(derive_key(secret, f"{purpose}-kid/v1")[:6])


def canonical_json(value: object) -> str:
    """Sorted keys, no spaces, UTF-8 text: one spelling per JSON value."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)


def encode_fields(fields: Iterable[str]) -> bytes:
    """Length-prefixed encoding: 4-byte big-endian length, then UTF-8 bytes, per field."""
    out = bytearray()
    for text in fields:
        data = text.encode("utf-8")
        out += len(data).to_bytes(4, "big")
        out += data
    return bytes(out)


# --- MWT -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MwtKey:
    """One accepted secret with its derived id and signing key."""

    kid: str
    signing_key: bytes = field(repr=False)

    @classmethod
    def from_secret(cls, secret: str | bytes) -> MwtKey:
        return cls(kid=key_id(secret, "mwt"), signing_key=derive_key(secret, "mwt/v1"))


@dataclass(frozen=True, slots=True)
class MwtClaims:
    """The verified claims of a token."""

    sub: str
    aud: str
    exp: int
    iat: int | None
    extra: Mapping[str, Any]


def _sign(key: MwtKey, signed_part: str) -> bytes:
    return hmac.new(key.signing_key, signed_part.encode("ascii"), hashlib.sha256).digest()


def issue_mwt(
    secret: str | bytes,
    *,
    sub: str,
    aud: str,
    ttl: int,
    now: int | None = None,
    claims: Mapping[str, Any] | None = None,
) -> str:
    """A token for ``sub`` valid ``ttl`` seconds from ``now`` (default: the clock)."""
    if ttl <= 0:
        raise ValueError("ttl must be a positive number of seconds")
    issued = int(time.time()) if now is None else int(now)
    payload: dict[str, Any] = dict(claims or {})
    payload.update(sub=str(sub), aud=aud, iat=issued, exp=issued + int(ttl))
    key = MwtKey.from_secret(secret)
    signed_part = f"{_PREFIX}.{key.kid}.{b64url_encode(canonical_json(payload).encode('utf-8'))}"
    return f"{signed_part}.{b64url_encode(_sign(key, signed_part))}"


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name, value in pairs:
        if name in result:
            raise ValueError(f"duplicate claim {name!r}")
        result[name] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e400 overflows to infinity
        raise ValueError(f"{text} is not a finite number")
    return value


def _int_claim(payload: Mapping[str, Any], name: str, *, required: bool) -> int | None:
    value = payload.get(name)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise MwtError("malformed", f"the token's {name!r} claim must be an integer")
    return value


def verify_mwt(
    token: str,
    secrets: Iterable[str | bytes],
    *,
    audience: str,
    now: int | None = None,
    leeway: int = DEFAULT_LEEWAY,
) -> MwtClaims:
    """Check ``token`` against the accepted ``secrets`` (current first, then old ones)."""
    parts = token.split(".")
    if len(parts) != 4 or parts[0] != _PREFIX or not _KID_RE.fullmatch(parts[1]):
        raise MwtError("malformed", "the token is not an MWT (mwt1.<kid>.<payload>.<signature>)")
    _, kid, payload_text, signature_text = parts
    key = next((k for k in map(MwtKey.from_secret, secrets) if k.kid == kid), None)
    if key is None:
        raise MwtError("unknown_key", "the token was signed with a key that is not accepted")
    try:
        signature = b64url_decode(signature_text)
        payload_bytes = b64url_decode(payload_text)
    except ValueError as error:
        raise MwtError("malformed", "the token is not canonical base64url") from error
    expected = _sign(key, f"{_PREFIX}.{kid}.{payload_text}")
    if not hmac.compare_digest(signature, expected):
        raise MwtError("bad_signature", "the token's signature does not match")
    try:
        payload = json.loads(payload_bytes.decode("utf-8"), object_pairs_hook=_reject_duplicates,
                             parse_constant=_refuse_constant, parse_float=_finite_float)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise MwtError("malformed", "the token's payload is not a JSON object") from error
    if not isinstance(payload, dict):
        raise MwtError("malformed", "the token's payload is not a JSON object")
    exp = _int_claim(payload, "exp", required=True)
    iat = _int_claim(payload, "iat", required=False)
    sub, aud = payload.get("sub"), payload.get("aud")
    if not isinstance(sub, str) or not sub or not isinstance(aud, str):
        raise MwtError("malformed", "the token needs string 'sub' and 'aud' claims")
    current = int(time.time()) if now is None else int(now)
    assert exp is not None
    if current > exp + leeway:
        raise MwtError("expired", "the token has expired")
    if iat is not None and iat > current + leeway:
        raise MwtError("not_yet_valid", "the token was issued in the future")
    if not hmac.compare_digest(aud.encode("utf-8"), audience.encode("utf-8")):
        raise MwtError("audience", "the token was issued for another audience")
    extra = {k: v for k, v in payload.items() if k not in ("sub", "aud", "exp", "iat")}
    return MwtClaims(sub=sub, aud=aud, exp=exp, iat=iat, extra=extra)


# --- cache keys ------------------------------------------------------------------------


def cache_key(
    key: bytes,
    *,
    kid: str,
    function: str,
    rev: int,
    args: Mapping[str, Any],
    principal: str | None,
    permissions: str = "",
    namespace: str = "",
) -> str:
    """The storage key of one cached value; ``key`` is ``derive_key(secret, "cache/v1")``.

    ``principal=None`` marks a value shared by everyone.
    """
    shared = principal is None
    message = encode_fields((
        "mizan-cache-v1", kid, function, str(rev), canonical_json(dict(args)),
        "shared" if shared else "user", "" if shared else principal or "",
        permissions, namespace,
    ))
    return "mizan:v1:" + hmac.new(key, message, hashlib.sha256).hexdigest()


def namespace_key(
    key: bytes, *, kind: str, target: str, scope: tuple[str, ...], values: Mapping[str, Any] | None
) -> str:
    """The storage key of an invalidation namespace; ``values=None`` means "any value"."""
    message = encode_fields((
        "mizan-ns-v1", kind, target, canonical_json(list(scope)),
        "*" if values is None else canonical_json([values[name] for name in scope]),
    ))
    return "mizan:ns:" + hmac.new(key, message, hashlib.sha256).hexdigest()
