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

import os
import re

from tests.channels.conftest import Server, Site, module_server, site_db  # noqa: F401  (fixtures)

from ._tsc import build_project, run_tool

# A page of the shop as a Django view renders it: the app's mount point and
# the hydration tag, for a request by "bob".
RENDER_PAGE = """
from importlib import import_module
from django.conf import settings
from django.contrib.auth.models import User
from django.template import engines
from django.test import RequestFactory

request = RequestFactory().get("/")
request.session = import_module(settings.SESSION_ENGINE).SessionStore()
request.user = User.objects.get(username="bob")
page = engines["django"].from_string(
    '<div id="root"></div>{% load mizan %}{% mizan_hydration %}')
print(page.render({}, request))
"""


def test_generated_hooks_against_the_live_demo(module_server: Server, site_db: Site) -> None:  # noqa: F811
    build_project("shop")
    page = site_db.run_python(RENDER_PAGE).strip()
    assert '"username":"bob"' in page, page
    env = {"MIZAN_LIVE_HTTP": module_server.http, "MIZAN_LIVE_TOKEN": site_db.users["bob"]["token"],
           "MIZAN_LIVE_PAGE": page}
    os.environ.update(env)
    try:
        done = run_tool("vitest", "run", "--reporter=verbose", timeout=240)
    finally:
        for key in env:
            os.environ.pop(key, None)
    # vitest colours its report when CI is set, even into a pipe
    report = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)
    assert done.returncode == 0, report[-8000:]
    passed = re.search(r"Tests\s+(\d+) passed", report)
    assert passed and int(passed.group(1)) == 14, report[-8000:]  # every scenario ran
