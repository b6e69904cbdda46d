"""Running a live vitest suite against the demo served by a real server.

Each target's suite (tests/ts/live*/) reads the server's address, an MWT of
"bob" and a page the real `{% mizan_hydration %}` tag rendered for him from
the environment; `run_live_suite` passes those and checks that every
scenario ran and passed.

`start_live_suite` starts one in the background, for a test that acts on the
server while it runs (a fault, then a mutation), and `LiveRun.wait_for`
waits for a file the suite writes to say where it stands.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tests.channels.conftest import Server, Site

from ._projects import TS
from ._tsc import node_tool, run_tool

__all__ = ["RENDER_PAGE", "LiveRun", "run_live_suite", "start_live_suite"]

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


@dataclass
class LiveRun:
    """A vitest run in the background; `folder` is where it and the test leave files."""

    process: subprocess.Popen[str]
    folder: Path

    def wait_for(self, name: str, timeout: float = 30.0) -> None:
        """Until the suite writes `folder/name`; fails if it ends first or the time is up."""
        deadline = time.monotonic() + timeout
        while not (self.folder / name).exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"the suite never wrote {name}:\n{self.report(5)[-8000:]}")
            time.sleep(0.05)

    def report(self, timeout: float) -> str:
        """vitest's output once it ends (killed after `timeout` s)."""
        try:
            out, _ = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _ = self.process.communicate()
        return re.sub(r"\x1b\[[0-9;]*m", "", out)

    def finish(self, expected: int, timeout: float = 60.0) -> None:
        """The run ends with exactly `expected` tests passed."""
        report = self.report(timeout)
        passed = re.search(r"Tests\s+(\d+) passed", report)
        assert self.process.returncode == 0, report[-8000:]
        assert passed and int(passed.group(1)) == expected, report[-8000:]


def start_live_suite(server: Server, site: Site, folder: Path, *vitest_args: str) -> LiveRun:
    """`vitest run <vitest_args>` against `server` in the background, `folder` as
    MIZAN_LIVE_FAULT_DIR (the suite's files go there)."""
    env = {**os.environ, "MIZAN_LIVE_HTTP": server.http,
           "MIZAN_LIVE_TOKEN": site.users["bob"]["token"], "MIZAN_LIVE_FAULT_DIR": str(folder)}
    process = subprocess.Popen([str(node_tool("vitest")), "run", *vitest_args, "--reporter=verbose"],
                               cwd=TS, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    return LiveRun(process, folder)
