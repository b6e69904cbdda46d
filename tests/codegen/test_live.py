"""The generated React hooks against a live demo server, in vitest (jsdom +
React Testing Library):

- `live/shop.test.tsx`: a call, a context fetch, a mutation whose
  invalidation re-fetches exactly the right provider, a form rejected by Zod
  and then by the server, and a websocket channel message;
- `live/hydration.test.tsx`: the page as the real `{% mizan_hydration %}` tag
  renders it (rendered here, by Django, for "bob"), loaded into jsdom under
  `<MizanContext baseUrl=...>`: the user shows with no fetch;
- `live/transport.test.tsx`: a `websocket=True` function goes over the
  multiplexed socket while it is open and over HTTP otherwise.

The server is the channels suite's real ASGI site (the demo shop served by
uvicorn on a loopback port, tests/channels/conftest.py); the client
authenticates as "bob" with an MWT.
"""

from __future__ import annotations

from tests.channels.conftest import Server, Site, module_server, site_db  # noqa: F401  (fixtures)

from ._live import run_live_suite
from ._tsc import build_project


def test_generated_hooks_against_the_live_demo(module_server: Server, site_db: Site) -> None:  # noqa: F811
    build_project("shop")
    run_live_suite(module_server, site_db, 14)
