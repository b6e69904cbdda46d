"""The allauth browser test (tests/allauth/browser) under its own settings."""

from tests.allauth.conftest import BROWSER_SWITCH
from tests.allauth.run import run_under_allauth_settings


def test_allauth_in_the_browser() -> None:
    run_under_allauth_settings("tests/allauth/browser", **{BROWSER_SWITCH: "1"})
