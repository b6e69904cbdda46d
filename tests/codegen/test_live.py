"""The generated React hooks against a live demo server, in vitest (jsdom +
React Testing Library): a call, a context fetch, a mutation whose
invalidation re-fetches exactly the right provider, a form rejected by Zod
and then by the server, and a websocket channel message.

The server is the channels suite's real ASGI site (the demo shop served by
uvicorn on a loopback port, tests/channels/conftest.py); the client
authenticates as "bob" with an MWT.
"""

from __future__ import annotations

import os

from tests.channels.conftest import Server, Site, module_server, site_db  # noqa: F401  (fixtures)

from ._tsc import build_project, run_tool


def test_generated_hooks_against_the_live_demo(module_server: Server, site_db: Site) -> None:  # noqa: F811
    build_project("shop")
    env = {"MIZAN_LIVE_HTTP": module_server.http, "MIZAN_LIVE_TOKEN": site_db.users["bob"]["token"]}
    os.environ.update(env)
    try:
        done = run_tool("vitest", "run", "--reporter=verbose", timeout=240)
    finally:
        for key in env:
            os.environ.pop(key, None)
    report = done.stdout + done.stderr
    assert done.returncode == 0, report[-8000:]
    assert "4 passed" in report, report[-8000:]  # every scenario ran
