"""``auth=`` over the websocket, as a matrix generated from the site's runtime IR:
every registered function of ``tests/channels/site`` x anonymous, a user
(``bob``), staff (``alice``), a superuser (``root``) x a ``POST`` over HTTP
(session cookie and CSRF) and a call frame on ``<ws>/rpc`` (session cookie,
and ``?token=`` MWT), all through a real uvicorn.

The expected answer of a named rule is read from the IR (``authenticated``,
``staff``, ``superuser``, ``none``), so a new function joins by being
registered; a custom rule has no expectation but HTTP's own. A refusal is
exactly ``401``/``403`` with the rule's message, on every transport; an
admitted caller is admitted on every transport (its answer is then the
function's: no arguments are given, so ``400`` is usual). A function that is
not ``websocket=True`` is answered ``405`` on the socket whoever asks, before
any rule: the socket tells nobody more than HTTP does.
"""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import quote

import pytest

from tests.channels import _ws
from tests.channels.conftest import Server, Site

ROLES = {"anonymous": None, "user": "bob", "staff": "alice", "superuser": "root"}
#: what ``auth=`` answers when it refuses (docs/protocol.md)
REFUSED = {401: ("unauthenticated", "authentication required"),
           403: ("forbidden", "you may not call this function")}
CSRF = "m" * 32
TRANSPORTS = ("http", "socket (session)", "socket (token)")


def _expected_refusal(rule: str, role: str) -> int | None:
    """401, 403 or None (admitted), from a named rule as docs/protocol.md states it."""
    if rule == "none":
        return None
    if role == "anonymous":
        return 401
    if (rule == "staff" and role not in ("staff", "superuser")) or (
            rule == "superuser" and role != "superuser"):
        return 403
    return None


@pytest.fixture(scope="module")
def functions(site_db: Site) -> list[dict[str, Any]]:
    """The site's functions as its runtime IR has them."""
    out = site_db.run_python(
        "import json\nfrom mizan_django.export import runtime_ir\n"
        "print(json.dumps([{'name': f.name, 'auth': f.auth, 'websocket': f.websocket}"
        " for f in runtime_ir().functions]))")
    return list(json.loads(out))


def _refused(answer: tuple[Any, ...]) -> bool:
    """Whether the answer is an ``auth=`` refusal (a function's own 403 is not)."""
    return answer[0] in REFUSED and answer[1:] == REFUSED[answer[0]]


def _answer(status: int, body: dict[str, Any]) -> tuple[Any, ...]:
    """(status, code, message) of an error; ("ok",) of anything else."""
    if "error" in body:
        return (status, body["error"]["code"], body["error"]["message"])
    return ("ok",)


def _over_http(server: Server, site: Site, name: str, caller: str | None) -> tuple[Any, ...]:
    cookies = [f"csrftoken={CSRF}"] + (
        [f"sessionid={site.users[caller]['session']}"] if caller else [])
    request = urllib.request.Request(
        f"{server.http}/api/mizan/call/{name}", data=b"{}", method="POST",
        headers={"Content-Type": "application/json", "X-CSRFToken": CSRF,
                 "Cookie": "; ".join(cookies)})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw, status, kind = response.read(), response.status, response.headers["Content-Type"]
    except urllib.error.HTTPError as error:
        raw, status, kind = error.read(), error.code, error.headers["Content-Type"]
    if kind != "application/json":  # a view path's own response
        return ("ok",)
    return _answer(status, json.loads(raw))


def _over_socket(server: Server, site: Site, names: list[str], caller: str | None,
                 by_token: bool) -> dict[str, tuple[Any, ...]]:
    """Every call on one socket, one frame each."""
    url = f"{server.ws}/rpc"
    session = None
    if caller and by_token:
        url += f"?token={quote(site.users[caller]['token'])}"
    elif caller:
        session = site.users[caller]["session"]

    async def calls() -> dict[str, tuple[Any, ...]]:
        answers = {}
        async with _ws.connect(url, server.origin, session) as ws:
            for call_id, name in enumerate(names, 1):
                frame = await _ws.call(ws, call_id, name, {})
                assert frame["id"] == call_id, frame
                answers[name] = (_answer(frame["status"], frame) if "error" in frame
                                 else ("ok",))
        return answers

    return asyncio.run(calls())


@pytest.fixture(scope="module")
def matrix(module_server: Server, site_db: Site,
           functions: list[dict[str, Any]]) -> dict[tuple[str, str, str], tuple[Any, ...]]:
    """(function, role, transport) -> what the caller saw."""
    names = [f["name"] for f in functions]
    seen: dict[tuple[str, str, str], tuple[Any, ...]] = {}
    for role, caller in ROLES.items():
        for name in names:
            seen[name, role, "http"] = _over_http(module_server, site_db, name, caller)
        for transport, by_token in (("socket (session)", False), ("socket (token)", True)):
            if caller is None and by_token:
                continue  # no token to give: the session column has anonymous
            for name, answer in _over_socket(module_server, site_db, names, caller,
                                             by_token).items():
                seen[name, role, transport] = answer
    return seen


def test_the_matrix_covers_every_rule_over_the_socket(functions: list[dict[str, Any]]) -> None:
    over_socket = {f["auth"] for f in functions if f["websocket"]}
    assert over_socket == {"none", "authenticated", "staff", "superuser", "custom"}
    assert any(not f["websocket"] and f["auth"] != "none" for f in functions)


@pytest.mark.parametrize("role", list(ROLES))
def test_auth_rule_holds_on_every_transport(
    role: str, functions: list[dict[str, Any]],
    matrix: dict[tuple[str, str, str], tuple[Any, ...]],
) -> None:
    wrong = []
    for fn in functions:
        name, rule = fn["name"], fn["auth"]
        http = matrix[name, role, "http"]
        if rule == "custom":
            expected: tuple[Any, ...] | None = http if _refused(http) else None
        else:
            refusal = _expected_refusal(rule, role)
            expected = (refusal, *REFUSED[refusal]) if refusal else None
        for transport in TRANSPORTS:
            answer = matrix.get((name, role, transport))
            if answer is None:
                continue
            if transport != "http" and not fn["websocket"]:
                want: Any = (405, "method_not_allowed")
                ok = answer[:2] == want
            elif expected is None:
                want = "admitted"
                ok = not _refused(answer)
            else:
                want = expected
                ok = answer == expected
            if not ok:
                wrong.append((name, rule, transport, answer, want))
    assert wrong == []


def test_a_custom_rule_admits_and_refuses_by_its_own_logic(
    matrix: dict[tuple[str, str, str], tuple[Any, ...]],
) -> None:
    seen = {role: matrix["tbl_member", role, "socket (session)"] for role in ROLES}
    assert seen == {"anonymous": (401, *REFUSED[401]), "user": ("ok",),
                    "staff": (403, *REFUSED[403]), "superuser": ("ok",)}
