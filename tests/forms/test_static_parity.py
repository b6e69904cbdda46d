"""Static IR == runtime IR for the demo's form and channel.

The runtime side is ``manage.py export_mizan_ir`` (mizan_django.forms /
channels ``__mizan_ir__``); the static side is ``mizan ir`` (the libcst
extractor). Both must describe the form and the channel the same way.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOP = ROOT / "examples" / "shop"


def _runtime(tmp_path: Path) -> dict:
    env = {**os.environ, "MIZAN_SHOP_DB": str(tmp_path / "shop.sqlite3"),
           "DJANGO_SETTINGS_MODULE": "shopsite.settings"}
    done = subprocess.run([sys.executable, "manage.py", "export_mizan_ir", "--format", "json"],
                          cwd=SHOP, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _static() -> dict:
    done = subprocess.run([sys.executable, "-m", "mizan_core.cli", "ir", "--no-cache", "--format",
                           "json", str(SHOP)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]  # the shop is clean
    return json.loads(done.stdout)


def test_runtime_ir_describes_the_demo_form_and_channel(tmp_path):
    ir = _runtime(tmp_path)
    (form,) = ir["forms"]
    assert (form["name"], form["qualname"], form["success"]) == (
        "contact", "ContactForm", {"dict": ["str", "bool"]})
    assert [f["name"] for f in form["fields"]] == [
        "name", "email", "topic", "order_id", "message", "subscribe"]
    assert form["location"] == {"file": "shop/forms.py", "line": 10}
    (channel,) = ir["channels"]
    assert channel["params"] == {"ref": "shop.channels.ChatChannel.Params"}
    assert channel["client_message"] == {"ref": "shop.channels.ChatChannel.ReactMessage"}
    assert "shop.channels.ChatChannel.DjangoMessage" in {m["name"] for m in ir["models"]}
    assert not any(f["name"].startswith("contact.") for f in ir["functions"])


def test_static_forms_and_channels_equal_runtime(tmp_path):
    runtime, static = _runtime(tmp_path), _static()
    assert static["forms"] == runtime["forms"]
    assert static["channels"] == runtime["channels"]
    assert static == runtime  # and everything else: the whole IR is the same
