"""Running a live vitest suite against the demo served by a real server.

Each target's suite (tests/ts/live*/) reads the server's address, an MWT of
"bob" and a page the real `{% mizan_hydration %}` tag rendered for him from
the environment; `run_live_suite` passes those and checks that every
scenario ran and passed.
"""

from __future__ import annotations

import os
import re

from tests.channels.conftest import Server, Site

from ._tsc import run_tool

__all__ = ["RENDER_PAGE", "run_live_suite"]

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


def run_live_suite(server: Server, site: Site, expected: int, *vitest_args: str) -> None:
    """`vitest run <vitest_args>` in tests/ts against `server`; exactly `expected` tests must pass."""
    page = site.run_python(RENDER_PAGE).strip()
    assert '"username":"bob"' in page, page
    env = {"MIZAN_LIVE_HTTP": server.http, "MIZAN_LIVE_TOKEN": site.users["bob"]["token"],
           "MIZAN_LIVE_PAGE": page}
    os.environ.update(env)
    try:
        done = run_tool("vitest", "run", *vitest_args, "--reporter=verbose", timeout=240)
    finally:
        for key in env:
            os.environ.pop(key, None)
    # vitest colours its report when CI is set, even into a pipe
    report = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)
    assert done.returncode == 0, report[-8000:]
    passed = re.search(r"Tests\s+(\d+) passed", report)
    assert passed and int(passed.group(1)) == expected, report[-8000:]  # every scenario ran
