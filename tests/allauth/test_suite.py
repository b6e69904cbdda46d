"""Runs the allauth flow tests (``tests/allauth/flows``) under their own settings."""

from tests.allauth.run import run_under_allauth_settings


def test_allauth_flows_pass_under_their_settings() -> None:
    run_under_allauth_settings("tests/allauth/flows")
