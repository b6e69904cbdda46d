"""``mizan_clients("app")`` imports the app's clients, forms and channels modules.

The ``notes`` fixture (tests/projects/notes) is the layout a new user writes:
``notes/clients.py``, ``notes/forms.py`` and ``notes/channels.py`` beside each
other, wired by ``mizan_clients("notes")`` and nothing else. It is started in
a fresh interpreter (its own registry), served through Django's test client
and a websocket communicator on ``wrap_asgi``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mizan_core.errors import MizanSetupError

REPO = Path(__file__).resolve().parents[2]
NOTES = REPO / "tests" / "projects" / "notes"

_SERVE = textwrap.dedent(
    """
    import asyncio, json, sys
    sys.path.insert(0, sys.argv[1])
    from django.conf import settings
    settings.configure(
        DEBUG=True, SECRET_KEY="discovery", USE_TZ=True, ALLOWED_HOSTS=["testserver"],
        INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes",
                        "django.contrib.sessions", "mizan_django", "notes"],
        MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware",
                    "django.contrib.auth.middleware.AuthenticationMiddleware"],
        ROOT_URLCONF="tests.django.urls",
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        CHANNEL_LAYERS={"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}},
    )
    import django
    django.setup()
    from django.core.asgi import get_asgi_application
    from django.test import Client
    from channels.testing import WebsocketCommunicator
    from mizan_core.registry import default_registry
    from mizan_django import wrap_asgi

    out = {"names": {e.name: e.kind for e in default_registry.entries()}}
    c = Client(enforce_csrf_checks=False)
    for name, body in (("new_note.schema", {}), ("new_note.submit", {"text": "hello"}),
                       ("add_note", {"notebook_id": 1, "text": "x"}), ("draft.schema", {})):
        r = c.post(f"/api/mizan/call/{name}", json.dumps(body), content_type="application/json")
        out[name] = [r.status_code, json.loads(r.content)]

    async def chat():
        app = wrap_asgi(get_asgi_application())
        params = json.dumps({"notebook_id": 1})
        ws = WebsocketCommunicator(app, f"/ws/mizan/channel/chat?params={params}",
                                   headers=[(b"origin", b"http://testserver"),
                                            (b"host", b"testserver")])
        connected, _ = await ws.connect()
        await ws.send_json_to({"data": {"text": "hi"}})
        reply = await ws.receive_json_from(timeout=5)
        await ws.disconnect()
        return [connected, reply]

    out["chat"] = asyncio.run(chat())
    print(json.dumps(out))
    """
)


@pytest.fixture(scope="module")
def served() -> dict:
    done = subprocess.run([sys.executable, "-c", _SERVE, str(NOTES)], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.splitlines()[-1])


def test_forms_and_channels_beside_clients_are_registered(served: dict) -> None:
    assert served["names"] == {
        "add_note": "function", "notes": "function", "chat": "channel",
        "new_note": "form", "new_note.schema": "function", "new_note.validate": "function",
        "new_note.submit": "function",
    }


def test_the_form_beside_clients_is_served(served: dict) -> None:
    status, schema = served["new_note.schema"]
    assert status == 200 and [f["name"] for f in schema["result"]["fields"]] == ["text"]
    assert served["new_note.submit"] == [200, {"result": {"saved": True}, "invalidate": []}]


def test_the_channel_beside_clients_is_served(served: dict) -> None:
    assert served["chat"] == [True, {"type": "message", "data": {"text": "hi"}}]


def test_a_module_nothing_imports_is_not_served(served: dict) -> None:
    status, body = served["draft.schema"]
    assert status == 404 and body["error"]["code"] == "not_found"
    assert "draft_count" not in served["names"]


def test_an_app_without_any_of_the_three_modules_is_a_setup_error() -> None:
    from mizan_django import mizan_clients

    with pytest.raises(MizanSetupError, match=r"has no module mizan_django\.ws\.clients, "
                                              r"mizan_django\.ws\.forms or mizan_django\.ws\.channels"):
        mizan_clients("mizan_django.ws")


def test_an_app_that_cannot_be_imported_is_a_setup_error() -> None:
    from mizan_django import mizan_clients

    with pytest.raises(MizanSetupError, match=r"there is no module 'notes_nowhere'"):
        mizan_clients("notes_nowhere")
