"""The demo shop in a real browser: Debian's Chromium driven by Playwright.

The shop runs exactly as ``make demo`` runs it (``examples/shop/serve.py``:
a real ASGI server with ``wrap_asgi`` on a free loopback port, the built
React app, a scratch database). ``make e2e`` generates the client and builds
the frontend first; the plain ``make test`` run does not collect this folder
(``collect_ignore`` in tests/conftest.py).

Every step leaves a screenshot in ``tests/e2e/artifacts/`` (git-ignored; CI
keeps it), and each server's log is kept there too.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from tests.e2e.pages import ARTIFACTS, log_in

ROOT = Path(__file__).resolve().parents[2]
SHOP = ROOT / "examples" / "shop"
CHROMIUM = os.environ.get("MIZAN_E2E_CHROMIUM", "/usr/bin/chromium")
# Headless in a container: no sandbox, no GPU, and nothing that phones home
# (QUIC, component updates, sync) to slow the start or the first page.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session", params=["uvicorn", "daphne"])
def server_name(request: pytest.FixtureRequest) -> str:
    """Every step runs under both ASGI servers the docs name."""
    return str(request.param)


@pytest.fixture(scope="session")
def shop_url(server_name: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo shop under that ASGI server on a free loopback port; its URL."""
    manifest = SHOP / "frontend" / "dist" / ".vite" / "manifest.json"
    if not manifest.is_file():
        pytest.fail("the frontend is not built: run `make e2e` (it generates and builds it)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "MIZAN_SHOP_DB": str(tmp_path_factory.mktemp("shop") / "shop.sqlite3")}
    log = (ARTIFACTS / f"{server_name}.log").open("w")
    server = subprocess.Popen(
        [sys.executable, str(SHOP / "serve.py"), "--port", "0", "--server", server_name],
        stdout=subprocess.PIPE, stderr=log, text=True, env=env,
    )
    assert server.stdout is not None
    first = server.stdout.readline()  # printed once the port is bound
    found = re.search(r"http://127\.0\.0\.1:\d+/", first)
    if found is None:
        server.kill()
        pytest.fail(f"serve.py did not print its URL: {first!r} (see {log.name})")
    login = server.stdout.readline()
    assert f"{found.group(0)}login/ as demo / demo" in login, login  # what `make demo` prints
    try:
        yield found.group(0).rstrip("/")
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def own_page_browser(playwright: Playwright) -> Iterator[Browser]:
    """The browser for pages a test serves itself (`pages.serve_own_page`)."""
    # A page the browser serves itself (route.fulfill) has no address, so
    # Chromium counts it as public and blocks its websockets to the loopback
    # server (Local Network Access); a page the server sent would be local.
    args = [*CHROMIUM_ARGS, "--disable-features=LocalNetworkAccessChecks"]
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
    yield browser
    browser.close()


def _new_context(browser: Browser, shop_url: str) -> BrowserContext:
    context = browser.new_context(base_url=shop_url, viewport={"width": 1000, "height": 900})
    context.set_default_timeout(10_000)
    return context


def _sign_in(context: BrowserContext) -> BrowserContext:
    page = context.new_page()
    log_in(page)
    page.close()
    return context


@pytest.fixture
def own_page_signed_in(own_page_browser: Browser, shop_url: str) -> Iterator[BrowserContext]:
    """A context of `own_page_browser` holding the demo user's session cookie."""
    context = _sign_in(_new_context(own_page_browser, shop_url))
    yield context
    context.close()


@pytest.fixture
def anonymous(browser: Browser, shop_url: str) -> Iterator[BrowserContext]:
    context = _new_context(browser, shop_url)
    yield context
    context.close()


@pytest.fixture
def shot(server_name: str) -> Callable[[Page, str], None]:
    """Keep what a page shows at a step: artifacts/<server>/<name>.png."""
    folder = ARTIFACTS / server_name

    def take(page: Page, name: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def logged_in(anonymous: BrowserContext) -> BrowserContext:
    """A browser context holding the demo user's session cookie."""
    return _sign_in(anonymous)
