"""Fuzzing the call endpoint through a real uvicorn (``tests/django/test_rpc_fuzz.py``
does it under Django's test client): hypothesis draws hostile requests to
every function of the channels site's runtime IR, and to names that are not
registered, with a fixed, derandomized budget.

A request is a method (mostly ``POST``, and ``GET`` with a query string, and
the others), a name (registered, or ``..``, ``%2e``, NUL, slashes, look-alikes,
very long), a body (the function's own parameter names with any JSON values,
other keys, non-objects, raw bytes, deep nesting, duplicate keys, NaN), a
``Content-Type`` (JSON, JSON in another charset, ``text/plain``, garbage, none),
credentials (a superuser's MWT, a garbled one, a session cookie with and without
CSRF, none) and an ``Origin`` (none, ``null``, this site, another).

Every answer is the protocol's: ``2xx`` or ``3xx``, or an error with
``Content-Type: application/json`` and ``{"error": {"code", "message",
"details"}}``; a ``5xx`` only from a function that fails on purpose, as
``internal_error`` with nothing of its internals. The server is still up and
answering normally at the end.
"""

from __future__ import annotations

import http.client
import json
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.channels.conftest import Server, Site
from tests.fixtures.bodies import call_bodies, json_values

#: functions that fail on purpose (their 500 is the point), and one that sleeps as long
#: as it is told (a drawn 1e9 would hold the server's thread, not find a bug)
FAILS_ON_PURPOSE = {"explode", "tbl_crash"}
SLEEPS = {"tbl_nap"}
EXAMPLES = 300
CSRF = "f" * 32
HOSTILE_NAMES = ["..", "%2e%2e", "../settings", "a/b", "\x00", "ech\u043e", "echo ", "ECHO",
                 "x" * 300, "__init__", "os.system", "call", "", "%00", "echo%00"]

_raw = st.sampled_from([
    b"", b"{", b"[]", b"null", b'{"a": NaN}', b'{"a": Infinity}', b'{"a": 1e400}',
    b'{"a": 1, "a": 2}', b'{"a": 1, "\\u0061": 2}', b"\xef\xbb\xbf{}", b"\xff\xfe{\x00}\x00",
    b"{} trailing", b"[" * 5000 + b"]" * 5000, b'{"a":' * 2000 + b"1" + b"}" * 2000,
    "{\"text\": \"\udcff\"}".encode("utf-8", "surrogatepass"), b"\x80\x81",
]) | st.binary(max_size=60)


@pytest.fixture(scope="module")
def functions(site_db: Site) -> dict[str, dict[str, Any]]:
    """The site's functions (name -> params, view path) from its runtime IR."""
    out = site_db.run_python(
        "import json\nfrom mizan_django.export import runtime_ir\n"
        "print(json.dumps({f.name: {'params': [p.name for p in f.params],"
        " 'view_path': f.view_path} for f in runtime_ir().functions}))")
    found: dict[str, dict[str, Any]] = json.loads(out)
    return {name: fn for name, fn in found.items() if name not in SLEEPS}


def _requests(functions: dict[str, dict[str, Any]], site: Site, server: Server,
              ) -> st.SearchStrategy[dict[str, Any]]:
    root = site.users["root"]
    # Weighted towards requests that pass the transport's checks, so that most bodies
    # reach argument validation and the functions.
    bearer = {"Authorization": f"Bearer {root['token']}"}
    credentials = st.sampled_from([
        {}, *[bearer] * 8,
        {"Authorization": f"Bearer {root['token'][:-2]}xx"}, {"Authorization": "Bearer"},
        {"Authorization": "Basic cm9vdDpwdw=="},
        {"Cookie": f"sessionid={root['session']}"},
        {"Cookie": f"sessionid={root['session']}; csrftoken={CSRF}", "X-CSRFToken": CSRF},
        {"Cookie": "sessionid=\"forged\"; csrftoken=short", "X-CSRFToken": "short"},
    ])
    content_types = st.sampled_from([
        *["application/json"] * 8, "application/json; charset=utf-8", "application/json; charset=utf-16",
        "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/jsonx", None])
    origins = st.sampled_from([None, None, None, None, "null", server.origin, server.origin,
                               "http://evil.example",
                               f"http://127.0.0.1:{server.port + 1}"])
    names = st.sampled_from(sorted(functions) * 4 + HOSTILE_NAMES)

    @st.composite
    def one(draw: st.DrawFn) -> dict[str, Any]:
        name = draw(names)
        params = functions.get(name, {}).get("params", [])
        method = draw(st.sampled_from(["POST"] * 8 + ["GET"] * 3 + ["PUT", "DELETE", "HEAD"]))
        query = ""
        if method == "GET":
            keys = (st.sampled_from(params) | st.text(max_size=6)) if params else st.text(max_size=6)
            values = draw(st.dictionaries(keys,
                                          json_values.map(json.dumps) | st.text(max_size=10),
                                          max_size=3))
            query = urlencode(values)
        headers = dict(draw(credentials))
        content_type, origin = draw(content_types), draw(origins)
        if content_type:
            headers["Content-Type"] = content_type
        if origin:
            headers["Origin"] = origin
        body = draw(call_bodies(params, _raw)) if method in ("POST", "PUT") else b""
        return {"method": method, "name": name, "query": query, "headers": headers,
                "body": body}

    return one()


def _send(server: Server, request: dict[str, Any]) -> tuple[int, str, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=15)
    try:
        path = "/api/mizan/call/" + quote(request["name"], safe="")
        if request["query"]:
            path += "?" + request["query"]
        connection.request(request["method"], path, body=request["body"] or None,
                           headers=request["headers"])
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        connection.close()


def _problem(request: dict[str, Any], status: int, kind: str, body: bytes,
             functions: dict[str, dict[str, Any]]) -> str | None:
    """What is wrong with this answer, or None."""
    if request["method"] == "HEAD":
        if body or (status >= 500 and request["name"] not in FAILS_ON_PURPOSE):
            return f"HEAD answered {status} with {body[:100]!r}"
        return None
    if status < 400:
        view_path = functions.get(request["name"], {}).get("view_path", False)
        if kind != "application/json":
            return None if view_path else f"{status} {kind!r} from an RPC function"
        data = json.loads(body)
        return None if set(data) == {"result", "invalidate"} else f"{status} {data!r}"
    if kind != "application/json":
        return f"{status} {kind!r}: {body[:200]!r}"
    error = json.loads(body).get("error")
    if not isinstance(error, dict) or set(error) != {"code", "message", "details"}:
        return f"{status} not the error shape: {body[:200]!r}"
    if not (isinstance(error["code"], str) and isinstance(error["message"], str)):
        return f"{status} {error!r}"
    if status >= 500 and (request["name"] not in FAILS_ON_PURPOSE
                          or error["code"] != "internal_error" or b"secret" in body):
        return f"{status} {error!r}"
    return None


def test_every_answer_over_uvicorn_is_the_protocols(
    module_server: Server, site_db: Site, functions: dict[str, dict[str, Any]]
) -> None:
    seen: dict[int, int] = {}

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.data_too_large])
    @given(request=_requests(functions, site_db, module_server))
    def run(request: dict[str, Any]) -> None:
        status, kind, body = _send(module_server, request)
        seen[status] = seen.get(status, 0) + 1
        problem = _problem(request, status, kind, body, functions)
        assert problem is None, (problem, request)

    run()
    assert module_server.process.poll() is None, "the server died"
    answer = _send(module_server, {"method": "GET", "name": "stock_level",
                                   "query": 'sku="tea"', "headers": {}, "body": b""})
    assert answer[0] == 200 and json.loads(answer[2])["result"] >= 0
    assert len(seen) >= 5, seen  # the draw reached many kinds of answer
    print("answers by status:", dict(sorted(seen.items())))
