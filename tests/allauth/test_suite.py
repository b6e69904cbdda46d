"""Runs the allauth flow tests (``tests/allauth/flows``) under their own settings."""

import os
import subprocess
import sys
from pathlib import Path

from tests.allauth.conftest import ALLAUTH_SETTINGS

ROOT = Path(__file__).resolve().parents[2]


def test_allauth_flows_pass_under_their_settings() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": ALLAUTH_SETTINGS}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", f"--ds={ALLAUTH_SETTINGS}",
         "tests/allauth/flows"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    assert " passed" in done.stdout
