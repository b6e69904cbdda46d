"""An `affects=` function object means the public names it is registered under.

The repro: `poke` declares `affects=hidden`, a @client function that is never
registered, while another function is registered under the public name
"hidden". Python's `__name__` is not a public name: both IRs leave the target
out, the checker reports it (`mizan-affects`, naming it), and a call of
`poke` invalidates nothing, least of all the other function's cached values.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mizan_core.extract import extract_ir
from mizan_core.ir import dumps_kdl
from mizan_core.rules.messages import affects_never_registered
from tests.extract.test_runtime_parity import assert_same, runtime_kdl

REPO = Path(__file__).resolve().parents[2]

CLIENTS = '''\
from collections import Counter

from mizan_django import client, register

CALLS: Counter[str] = Counter()


@client
def hidden(request) -> int:
    return 0


@client(context="box")
def other(request) -> int:
    CALLS["other"] += 1
    return CALLS["other"]


@client(affects=hidden)
def poke(request) -> None:
    return None


@client(affects=other)
def prod(request) -> None:
    return None


register(other, "hidden")
register(poke, "poke")
register(prod, "prod")
'''

APPS = '''\
from django.apps import AppConfig


class ReproConfig(AppConfig):
    name = "repro"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("repro")
'''

_CALLS = textwrap.dedent(
    """
    import json, sys
    sys.path.insert(0, sys.argv[1])
    from django.conf import settings
    settings.configure(
        DEBUG=True, SECRET_KEY="affects", USE_TZ=True, ALLOWED_HOSTS=["testserver"],
        INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes", "mizan_django",
                        "repro"],
        ROOT_URLCONF="tests.django.urls",
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    )
    import django
    django.setup()
    from django.test import Client
    c = Client()
    def read():
        return json.loads(c.get("/api/mizan/call/hidden").content)["result"]
    def mutate(name):
        r = c.post(f"/api/mizan/call/{name}", "{}", content_type="application/json")
        return json.loads(r.content)["invalidate"]
    print(json.dumps({"first": read(), "poke": mutate("poke"), "after_poke": read(),
                      "prod": mutate("prod"), "after_prod": read()}))
    """
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    app = tmp_path / "repro"
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "apps.py").write_text(APPS)
    (app / "clients.py").write_text(CLIENTS)
    return tmp_path


def test_both_irs_leave_an_unregistered_target_out_and_the_checker_names_it(project: Path) -> None:
    result = extract_ir([project])
    static = dumps_kdl(result.ir)
    assert_same(runtime_kdl(project, "repro"), static)
    poke, prod = result.ir.function("poke"), result.ir.function("prod")
    assert poke is not None and poke.affects == ()
    assert prod is not None and [(a.target, a.kind) for a in prod.affects] == [("hidden", "function")]
    assert [(d.code, d.message) for d in result.diagnostics if d.code == "mizan-affects"] == [
        ("mizan-affects", affects_never_registered("hidden"))]


def test_the_call_invalidates_nothing_that_another_function_registered_under_its_name(
        project: Path) -> None:
    done = subprocess.run([sys.executable, "-c", _CALLS, str(project)], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen["first"] == 1
    assert seen["poke"] == [] and seen["after_poke"] == 1  # still the cached value
    # The function object that *is* registered as "hidden" invalidates it.
    assert seen["prod"] == [{"kind": "function", "target": "hidden", "scope": {}}]
    assert seen["after_prod"] == 2
