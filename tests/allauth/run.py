"""``pytest --ds=tests.allauth.settings <path>`` in a process of its own (one
pytest process has one settings module)."""

import os
import subprocess
import sys
from pathlib import Path

from tests.allauth.conftest import ALLAUTH_SETTINGS

ROOT = Path(__file__).resolve().parents[2]


def run_under_allauth_settings(path: str, **env: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", f"--ds={ALLAUTH_SETTINGS}",
         path],
        cwd=ROOT, env={**os.environ, "DJANGO_SETTINGS_MODULE": ALLAUTH_SETTINGS, **env},
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    assert " passed" in done.stdout
