"""MWT and cache keys (``mizan_core.tokens``): pinned vectors, strictness, no collisions."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from pathlib import Path

import pytest

from mizan_core.tokens import (
    MwtError,
    b64url_decode,
    b64url_encode,
    cache_key,
    canonical_json,
    derive_key,
    encode_fields,
    issue_mwt,
    key_id,
    namespace_key,
    verify_mwt,
)

VECTORS = Path(__file__).resolve().parents[1] / "vectors"
MWT = json.loads((VECTORS / "mwt.json").read_text(encoding="utf-8"))
KEYS = json.loads((VECTORS / "cache_keys.json").read_text(encoding="utf-8"))


# ASCII ids: a second pytest run in one process (mutmut's) escapes a non-ASCII id
# again, and then cannot find the test it was given by name.
@pytest.mark.parametrize("case", MWT["cases"], ids=lambda c: c["sub"].encode("ascii", "replace").decode())
def test_mwt_vectors_are_reproduced_byte_for_byte(case: dict) -> None:
    token = issue_mwt(MWT["secret"], sub=case["sub"], aud=case["aud"], ttl=case["ttl"],
                      now=case["now"], claims=case["claims"])
    assert token == case["token"]
    claims = verify_mwt(token, [MWT["secret"]], audience=case["aud"], now=case["now"])
    assert claims.sub == case["sub"] and claims.exp == case["now"] + case["ttl"]


def test_mwt_vector_matches_the_documented_algorithm() -> None:
    """Recompute the first vector from the docstring's recipe with hashlib/hmac only."""
    case = MWT["cases"][0]
    secret = MWT["secret"].encode()
    b64 = lambda data: base64.urlsafe_b64encode(data).rstrip(b"=").decode()
    kid = b64(hmac.new(secret, b"mizan/mwt-kid/v1", hashlib.sha256).digest()[:6])
    payload = json.dumps({"aud": case["aud"], "exp": case["now"] + case["ttl"],
                          "iat": case["now"], "sub": case["sub"]},
                         sort_keys=True, separators=(",", ":")).encode()
    signed = f"mwt1.{kid}.{b64(payload)}"
    key = hmac.new(secret, b"mizan/mwt/v1", hashlib.sha256).digest()
    assert f"{signed}.{b64(hmac.new(key, signed.encode(), hashlib.sha256).digest())}" == case["token"]


def test_key_rotation_accepts_listed_old_secrets_only() -> None:
    token = MWT["old_key_token"]
    with pytest.raises(MwtError) as refused:
        verify_mwt(token, [MWT["secret"]], audience="mizan", now=1700000000)
    assert refused.value.reason == "unknown_key"
    claims = verify_mwt(token, [MWT["secret"], MWT["old_secret"]], audience="mizan",
                        now=1700000000)
    assert claims.sub == "1"


@pytest.mark.parametrize(("now", "reason"), [
    (1700003600 + 30, None),  # within the leeway
    (1700003600 + 31, "expired"),
    (1700000000 - 31, "not_yet_valid"),
])
def test_expiry_with_small_leeway(now: int, reason: str | None) -> None:
    token = MWT["cases"][0]["token"]
    if reason is None:
        verify_mwt(token, [MWT["secret"]], audience="mizan", now=now)
        return
    with pytest.raises(MwtError) as refused:
        verify_mwt(token, [MWT["secret"]], audience="mizan", now=now)
    assert refused.value.reason == reason


def _with_payload(payload: bytes) -> str:
    """A correctly signed token around an arbitrary payload (to test claim rules)."""
    key = derive_key(MWT["secret"], "mwt/v1")
    kid = key_id(MWT["secret"])
    body = base64.urlsafe_b64encode(payload).rstrip(b"=").decode()
    signed = f"mwt1.{kid}.{body}"
    sig = base64.urlsafe_b64encode(hmac.new(key, signed.encode(), hashlib.sha256).digest())
    return f"{signed}.{sig.rstrip(b'=').decode()}"


@pytest.mark.parametrize(("payload", "reason"), [
    (b'{"sub":"1","aud":"mizan"}', "malformed"),  # exp is required
    (b'{"sub":"1","aud":"mizan","exp":"99999999999"}', "malformed"),
    (b'{"sub":"1","aud":"mizan","exp":99999999999,"exp":1}', "malformed"),  # duplicate
    (b'["sub"]', "malformed"),
    (b'{"sub":"1","aud":"elsewhere","exp":99999999999}', "audience"),
    # Numbers JSON does not have: Python's parser takes them unless told not to.
    (b'{"sub":"1","aud":"mizan","exp":99999999999,"n":Infinity}', "malformed"),
    (b'{"sub":"1","aud":"mizan","exp":99999999999,"n":-Infinity}', "malformed"),
    (b'{"sub":"1","aud":"mizan","exp":99999999999,"n":[NaN]}', "malformed"),
    (b'{"sub":"1","aud":"mizan","exp":99999999999,"n":1e400}', "malformed"),
])
def test_claims_are_checked_even_when_signed(payload: bytes, reason: str) -> None:
    with pytest.raises(MwtError) as refused:
        verify_mwt(_with_payload(payload), [MWT["secret"]], audience="mizan", now=1700000000)
    assert refused.value.reason == reason


@pytest.mark.parametrize("text", ["a=", "ab=c", "a+b/", "abcde", "AB"])
def test_base64url_is_strict(text: str) -> None:
    # "AB" is byte 0x00 with an unused bit set: its canonical spelling is "AA"
    with pytest.raises(ValueError):
        b64url_decode(text)


@pytest.mark.parametrize("case", KEYS["keys"], ids=lambda c: f"{c['function']}-{c['rev']}")
def test_cache_key_vectors(case: dict) -> None:
    key = derive_key(KEYS["secret"], "cache/v1")
    assert key.hex() == KEYS["derived_key_hex"]
    assert cache_key(key, kid=KEYS["kid"], function=case["function"], rev=case["rev"],
                     args=case["args"], principal=case["principal"],
                     permissions=case["permissions"], namespace=case["namespace"]) == case["key"]


@pytest.mark.parametrize("case", KEYS["namespaces"], ids=lambda c: c["target"])
def test_namespace_key_vectors(case: dict) -> None:
    key = derive_key(KEYS["secret"], "cache/v1")
    assert namespace_key(key, kind=case["kind"], target=case["target"],
                         scope=tuple(case["scope"]), values=case["values"]) == case["key"]


def test_inputs_that_collide_under_naive_concatenation_do_not_collide() -> None:
    key = derive_key("s", "cache/v1")
    # plain concatenation of (function, principal) gives "cart" + "user:1" == "car" + "tuser:1"
    a = {"kid": "k", "rev": 1, "args": {}, "permissions": "", "namespace": ""}
    first = cache_key(key, function="cart", principal="user:1", **a)
    second = cache_key(key, function="car", principal="tuser:1", **a)
    assert "cart" + "user:1" == "car" + "tuser:1"
    assert first != second
    assert encode_fields(["ab", "c"]) != encode_fields(["a", "bc"])
    # the shared marker is explicit: an empty principal is not "shared"
    assert cache_key(key, function="f", principal=None, **a) != cache_key(
        key, function="f", principal="", **a)


def test_the_two_secrets_never_sign_for_each_other() -> None:
    assert derive_key("same", "mwt/v1") != derive_key("same", "cache/v1")


def test_a_refusal_reads_as_its_reason() -> None:
    # The 401 a client gets quotes this text: "invalid bearer token: <text>".
    token = issue_mwt("s" * 32, sub="1", aud="mizan", ttl=60, now=1700000000)
    with pytest.raises(MwtError) as refused:
        verify_mwt(token, ["s" * 32], audience="mizan", now=1700000000 + 60 + 31)
    assert str(refused.value) == "the token has expired"


def test_omitted_permissions_and_namespace_are_the_empty_fields_of_the_vectors() -> None:
    # Another implementation reproduces a key from the documented fields; the two a
    # caller may leave out are encoded as empty, exactly as if passed as "".
    case = next(c for c in KEYS["keys"] if c["permissions"] == "" and c["namespace"] == "")
    key = derive_key(KEYS["secret"], "cache/v1")
    assert cache_key(key, kid=KEYS["kid"], function=case["function"], rev=case["rev"],
                     args=case["args"], principal=case["principal"]) == case["key"]


def test_an_empty_principal_is_an_empty_field_as_documented() -> None:
    key = derive_key("s", "cache/v1")
    fields = ["mizan-cache-v1", "k", "f", "1", "{}", "user", "", "p", "n"]
    message = b"".join(len(f).to_bytes(4, "big") + f.encode() for f in fields)
    assert cache_key(key, kid="k", function="f", rev=1, args={}, principal="",
                     permissions="p", namespace="n") == (
        "mizan:v1:" + hmac.new(key, message, hashlib.sha256).hexdigest())


@pytest.mark.parametrize("number", [float("nan"), float("inf"), -float("inf")])
def test_a_number_json_cannot_spell_has_no_canonical_form(number: float) -> None:
    # Python would write NaN or Infinity, which no other JSON implementation reads.
    with pytest.raises(ValueError):
        canonical_json({"x": number})


@pytest.mark.parametrize(("data", "text"), [(b"\x00\x00\x17", "AAAX"), (b"\xff", "_w"),
                                            (b"\x00\x17", "ABc"), (b"", "")])
def test_base64url_drops_the_padding_and_nothing_else(data: bytes, text: str) -> None:
    assert b64url_encode(data) == text
    assert b64url_decode(text) == data


@pytest.mark.parametrize("secret", ["", b""])
def test_an_empty_secret_is_refused_by_name(secret: str | bytes) -> None:
    for use in (lambda: derive_key(secret, "cache/v1"),
                lambda: issue_mwt(secret, sub="1", aud="mizan", ttl=60)):
        with pytest.raises(ValueError) as refused:
            use()
        assert str(refused.value) == "a Mizan secret must not be empty"
