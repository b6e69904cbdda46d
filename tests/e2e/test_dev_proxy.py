"""`npm run dev`: Vite serves the app and forwards Django's paths, as docs/frontend.md says.

The browser talks only to the Vite dev server; the session login, a
CSRF-checked mutation and a channel's websocket all pass through its proxy
(vite.config.ts, without `changeOrigin`) to the shop's ASGI server.
"""

from __future__ import annotations

import re
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import ARTIFACTS, SHOP
from tests.e2e.pages import log_in

FRONTEND = SHOP / "frontend"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def dev_url(shop_url: str, server_name: str) -> Iterator[str]:
    port = _free_port()
    log_path: Path = ARTIFACTS / f"vite-dev-{server_name}.log"
    with log_path.open("w") as log:
        vite = subprocess.Popen(
            [str(FRONTEND / "node_modules" / ".bin" / "vite"), "--host", "127.0.0.1",
             "--port", str(port), "--strictPort"],
            cwd=FRONTEND, stdout=log, stderr=subprocess.STDOUT,
            env={"PATH": "/usr/bin:/bin", "MIZAN_BACKEND": shop_url},
        )
        try:
            deadline = time.monotonic() + 30
            while "ready in" not in log_path.read_text():
                if vite.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the Vite dev server did not start (see {log_path})")
                time.sleep(0.2)
            yield f"http://127.0.0.1:{port}"
        finally:
            vite.terminate()
            vite.wait(timeout=10)


def test_login_mutation_and_websocket_pass_through_the_vite_proxy(
    browser: Browser, dev_url: str,
) -> None:
    context = browser.new_context(base_url=dev_url)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        log_in(page)  # Django's login form, through the proxy: its CSRF check passes
        expect(page.get_by_test_id("user")).to_contain_text("Signed in as demo")
        expect(page.get_by_test_id("chat-status")).to_have_text("open")  # /ws, proxied

        before = page.get_by_test_id("cart-2-count").inner_text()
        with page.expect_response(re.compile(r"/api/mizan/call/add_item$")) as answer:
            page.get_by_test_id("add-coffee-2").click()
        assert answer.value.status == 200  # session POST: CSRF and Origin accepted
        expect(page.get_by_test_id("cart-2-count")).not_to_have_text(before)
    finally:
        context.close()
