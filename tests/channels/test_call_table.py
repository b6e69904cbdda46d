"""One table of calls, run through every transport that can make each call (a real
uvicorn server): ``POST <base>/call/<name>``, a context ``GET``, a ``route=``
path, a websocket RPC frame and the page's ``{% mizan_hydration %}``. Each
transport's answer is reduced to what a caller sees (the value and its
invalidation, or the error's status, code and message) and must be the same.

The functions are ``tests/channels/site/wsapp/table.py``. Callers: nobody,
``bob`` and ``alice`` (staff), by session cookie on every transport.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import re
import select
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

import pytest

from tests.channels import _ws
from tests.channels.conftest import Server, Site

CSRF = "t" * 32  # a CSRF secret of our choosing: cookie and header agree
INVALIDATE_TBL = [{"kind": "context", "target": "tbl", "scope": {}}]


def ok(value: Any, invalidate: list[dict[str, Any]] | None = None) -> tuple[Any, ...]:
    return ("ok", value, invalidate or [])


def refused(status: int, code: str, message: str | None = None) -> tuple[Any, ...]:
    return ("error", status, code, message)


@dataclass(frozen=True)
class Case:
    name: str
    args: dict[str, Any]
    caller: str | None
    expected: tuple[Any, ...]
    #: the transports this call can go through
    transports: tuple[str, ...]


CONTEXT = ("post", "get", "socket")
GLOBAL = ("post", "get", "socket", "hydration")
OVER_THE_LIMIT = "x" * (1024 * 1024)

CASES = {
    "a value": Case("tbl_echo", {"text": "hé"}, None, ok("hé"), CONTEXT),
    "a wrong type": Case("tbl_echo", {"text": 5}, None,
                         refused(400, "invalid_arguments", "the arguments are not valid"),
                         CONTEXT),
    "a missing argument": Case("tbl_echo", {}, None, refused(400, "invalid_arguments"), CONTEXT),
    "an unknown argument": Case("tbl_echo", {"text": "x", "extra": 1}, None,
                                refused(400, "invalid_arguments"), CONTEXT),
    "too large": Case("tbl_echo", {"text": OVER_THE_LIMIT}, None,
                      refused(413, "payload_too_large"), ("post", "socket")),
    "an unknown name": Case("tbl_nowhere", {}, None, refused(404, "not_found"),
                            ("post", "get", "socket")),
    "auth=True, nobody": Case("tbl_who", {}, None, refused(401, "unauthenticated"), GLOBAL),
    "auth=True, a user": Case("tbl_who", {}, "bob", ok("bob"), GLOBAL),
    "auth=staff, a user": Case("tbl_staff", {}, "bob", refused(403, "forbidden"), GLOBAL),
    "auth=staff, staff": Case("tbl_staff", {}, "alice", ok("staff alice"), GLOBAL),
    "PermissionDenied": Case("tbl_refuse", {}, "bob", refused(403, "forbidden", "no entry"),
                             GLOBAL),
    "Http404": Case("tbl_gone", {}, "bob", refused(404, "not_found", "gone"), GLOBAL),
    "ValidationError": Case("tbl_invalid", {}, "bob", refused(400, "invalid_arguments"), GLOBAL),
    "a crash": Case("tbl_crash", {}, "bob", refused(500, "internal_error"), GLOBAL),
    "a mutation": Case("tbl_bump", {"n": 1}, "bob", ok(2, INVALIDATE_TBL), ("post", "socket")),
    "a route": Case("tbl_page", {"text": "hi"}, "bob", ok("page hi"), ("post", "route")),
    "a route, nobody": Case("tbl_page", {"text": "hi"}, None, refused(401, "unauthenticated"),
                            ("post", "route")),
}


# --- one reader per transport: (status, body, headers) -> what the caller sees -----------


def _headers(site: Site, caller: str | None) -> dict[str, str]:
    cookies = [f"csrftoken={CSRF}"]
    if caller is not None:
        cookies.append(f"sessionid={site.users[caller]['session']}")
    return {"Cookie": "; ".join(cookies), "X-CSRFToken": CSRF}


def _fetch(url: str, headers: dict[str, str], body: bytes | None = None) -> tuple[int, bytes, Any]:
    if body is not None and len(body) > 65536:
        return _fetch_large(url, headers, body)
    request = urllib.request.Request(url, data=body, headers=headers,
                                     method="GET" if body is None else "POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def _fetch_large(url: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes, Any]:
    """POST a body the server may refuse by its declared length alone, as a client that
    waits for an early answer before sending (`Expect: 100-continue` style) does.

    The server answers 413 without reading and closes; a client still writing then
    gets EPIPE and, after the peer's reset, may lose the answer it was sent."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    try:
        connection.putrequest("POST", parts.path + (f"?{parts.query}" if parts.query else ""))
        for name, value in {**headers, "Content-Length": str(len(body))}.items():
            connection.putheader(name, value)
        connection.endheaders()
        assert connection.sock is not None
        if not select.select([connection.sock], [], [], 2.0)[0]:
            connection.sock.sendall(body)  # no early answer: the server reads the body
        response = connection.getresponse()
        return response.status, response.read(), response.headers
    finally:
        connection.close()


def _http_answer(status: int, body: bytes, headers: Any) -> tuple[Any, ...]:
    if headers.get("Content-Type") != "application/json":  # a view path's own response
        assert status == 200, body
        return ok(body.decode(), json.loads(headers["X-Mizan-Invalidate"]))
    data = json.loads(body)
    if "error" in data:
        return ("error", status, data["error"]["code"], data["error"]["message"])
    assert status == 200 and json.loads(headers["X-Mizan-Invalidate"]) == data["invalidate"]
    return ok(data["result"], data["invalidate"])


def over_post(server: Server, site: Site, case: Case) -> tuple[Any, ...]:
    headers = {**_headers(site, case.caller), "Content-Type": "application/json"}
    return _http_answer(*_fetch(f"{server.http}/api/mizan/call/{case.name}", headers,
                                json.dumps(case.args).encode()))


def over_get(server: Server, site: Site, case: Case) -> tuple[Any, ...]:
    query = urllib.parse.urlencode({k: json.dumps(v) for k, v in case.args.items()})
    return _http_answer(*_fetch(f"{server.http}/api/mizan/call/{case.name}?{query}",
                                _headers(site, case.caller)))


def over_route(server: Server, site: Site, case: Case) -> tuple[Any, ...]:
    return _http_answer(*_fetch(f"{server.http}/tbl/{case.args['text']}/",
                                _headers(site, case.caller)))


def over_socket(server: Server, site: Site, case: Case) -> tuple[Any, ...]:
    async def one_call() -> dict[str, Any]:
        session = site.users[case.caller]["session"] if case.caller else None
        async with _ws.connect(f"{server.ws}/rpc", server.origin, session) as ws:
            return await _ws.call(ws, 1, case.name, case.args)

    answer = asyncio.run(one_call())
    if "error" in answer:
        return ("error", answer["status"], answer["error"]["code"], answer["error"]["message"])
    return ok(answer["result"], answer["invalidate"])


def over_hydration(server: Server, site: Site, case: Case) -> tuple[Any, ...] | None:
    """The page's value, or None: a context that refuses is left out of the page."""
    status, body, _ = _fetch(f"{server.http}/tbl-page/", _headers(site, case.caller))
    assert status == 200, body  # the page renders whatever its contexts do
    match = re.fullmatch(rb'<script type="application/json" id="mizan-hydration">(.*)</script>',
                         body)
    assert match is not None, body
    values = json.loads(match.group(1))["contexts"]["global"]
    return ok(values[case.name]) if case.name in values else None


TRANSPORTS = {"post": over_post, "get": over_get, "route": over_route, "socket": over_socket,
              "hydration": over_hydration}


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_every_transport_gives_the_same_answer(
    module_server: Server, site_db: Site, case: Case
) -> None:
    answers = {transport: TRANSPORTS[transport](module_server, site_db, case)
               for transport in case.transports}
    if "hydration" in answers:
        page = answers.pop("hydration")
        assert page == (case.expected if case.expected[0] == "ok" else None)
    for transport, answer in answers.items():
        if case.expected[0] == "error" and case.expected[3] is None:
            answer = answer[:3] + (None,)  # the message is not part of this case
        assert answer == case.expected, transport


def test_a_view_path_is_answered_over_http_and_refused_over_the_socket(
    module_server: Server, site_db: Site
) -> None:
    case = Case("tbl_download", {}, None, ok("a file"), ("post",))
    assert over_post(module_server, site_db, case) == ok("a file")
    assert over_socket(module_server, site_db, case) == refused(
        400, "view_path", "'tbl_download' returns an HttpResponse; call it over HTTP")
