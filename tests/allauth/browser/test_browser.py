"""In Chromium: sign up, follow the emailed link, sign out, sign in, and the page's
``current_user`` changes each time without a reload.

The page is the generated client (from source: the app's functions and the
project's ``current_user``) and ``app.tsx``, bundled by esbuild from
tests/ts, served by Django's live server (the same process, so the emailed
link is read from the locmem outbox).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import Page, expect, sync_playwright

from mizan_core.codegen import render, write_output
from mizan_core.extract import extract_ir
from tests.allauth.flows.test_static import app_source_root
from tests.codegen._projects import TS
from tests.codegen._tsc import node_tool
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

HERE = Path(__file__).resolve().parent


@pytest.fixture
def bundle(tmp_path: Path, settings: Any) -> Path:
    work = TS / "build" / "allauth-browser"
    shutil.rmtree(work, ignore_errors=True)
    write_output(render(extract_ir([settings.PROJECT, app_source_root(tmp_path)]).ir), work / "api")
    shutil.copy(HERE / "app.tsx", work / "app.tsx")
    out = tmp_path / "app.js"
    done = subprocess.run([str(node_tool("esbuild")), str(work / "app.tsx"), "--bundle",
                           "--format=esm", "--jsx=automatic", "--define:process.env.NODE_ENV=\"production\"",
                           f"--outfile={out}"], cwd=TS, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    settings.ALLAUTH_TEST_BUNDLE = out
    return out


@pytest.fixture
def page(bundle: Path, live_server: Any, settings: Any,
         monkeypatch: pytest.MonkeyPatch) -> Iterator[Page]:
    # Playwright's sync API runs an event loop in this thread; the test's own
    # ORM reads are still synchronous, as everywhere in the test.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.ACCOUNT_ADAPTER = "mizan_django.allauth.adapter.AccountAdapter"
    settings.MIZAN_ALLAUTH_FRONTEND_URLS = {"verify_email": live_server.url + "/verify/{key}"}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page()
            tab.goto(live_server.url + "/")
            yield tab
        finally:
            browser.close()


def test_sign_up_follow_the_link_log_out_log_in(page: Page) -> None:
    who = page.locator("#who")
    expect(who).to_have_text("nobody")
    page.click("#signup")
    expect(page.locator("#pending")).to_have_text("verify_email")
    link = re.search(r"(http://\S+/verify/\S+)", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body

    page.goto(link.group(1))  # the emailed link opens the app, which confirms the key
    expect(page.locator("#confirmed")).to_have_text("verified")
    expect(who).to_have_text("zoe")
    assert EmailAddress.objects.get(email="zoe@example.com").verified

    page.click("#logout")
    expect(who).to_have_text("nobody")
    page.fill("#password", "wrong")
    page.click("#login")
    expect(page.locator("#login-error")).to_have_text(
        "The username and/or password you specified are not correct.")
    expect(who).to_have_text("nobody")
    page.fill("#password", "a-long-pass-99")
    page.click("#login")
    expect(who).to_have_text("zoe")  # no reload: auth.login invalidated `global`
    page.click("#logout")
    expect(who).to_have_text("nobody")
