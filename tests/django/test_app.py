"""The app's surface: public imports, system checks, wrap_asgi, mizan_clients."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import Client

import mizan_core
from mizan_core.errors import MizanSetupError


def test_public_api_is_mizan_cores_objects() -> None:
    import mizan_django
    from mizan_django import client, mizan_clients, register, wrap_asgi
    from mizan_django.client import client as seed_client
    from mizan_django.setup import mizan_clients as seed_clients
    from mizan_django.setup import register as seed_register
    from mizan_django.setup.registry import register as original_register

    assert client is seed_client is mizan_core.client
    assert register is seed_register is original_register is mizan_core.register
    assert mizan_clients is seed_clients and callable(wrap_asgi)
    assert set(mizan_django.__all__) == {"client", "register", "mizan_clients", "wrap_asgi",
                                         "invalidate"}


def test_seed_module_path_works_in_a_fresh_interpreter() -> None:
    code = ("from mizan_django.client import client; import mizan_core; "
            "assert client is mizan_core.client; print('ok')")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.stdout.strip() == "ok", proc.stderr


def test_package_client_stays_the_decorator_after_the_seed_module_is_imported() -> None:
    # Importing the submodule ``mizan_django.client`` must not replace the
    # package attribute ``client`` (the decorator) with the module.
    code = ("import mizan_django.client; import mizan_django as mz; import mizan_core; "
            "from mizan_django import client; from mizan_django.client import client as seed; "
            "assert client is mz.client is seed is mizan_core.client, (client, mz.client); "
            "print('ok')")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.stdout.strip() == "ok", proc.stderr


def test_one_registry_serves_what_register_records() -> None:
    assert "echo" in mizan_core.default_registry and "tools.echo" in mizan_core.default_registry


def test_mizan_clients_reports_a_missing_app() -> None:
    from mizan_django import mizan_clients

    with pytest.raises(MizanSetupError, match="there is no module 'mizan_django.nowhere'"):
        mizan_clients("mizan_django.nowhere")


def _ids(**kwargs: Any) -> set[str]:
    return {m.id for m in run_checks(**kwargs) if m.id and m.id.startswith(("mizan.", "mizan-"))}


def test_checks_are_clean_for_the_test_project() -> None:
    # DEBUG off with the in-memory channel layer: the one warning such a project deserves
    assert _ids() == {"mizan.W002"}


def test_missing_secrets_outside_debug_refuse_to_start(settings: Any) -> None:
    del settings.MIZAN_CACHE_SECRET
    del settings.MIZAN_MWT_SECRET
    assert {"mizan.E001", "mizan.E002"} <= _ids()
    settings.DEBUG = True
    assert not {"mizan.E001", "mizan.E002"} & _ids()


_BOOT = (
    "import django; from django.conf import settings; "
    "settings.configure(DEBUG={debug}, SECRET_KEY='k', INSTALLED_APPS=["
    "'django.contrib.auth', 'django.contrib.contenttypes', 'mizan_django']{extra}); "
    "django.setup(); print('started')"
)


@pytest.mark.parametrize(("debug", "extra", "starts"), [
    (False, "", False),
    (False, ", MIZAN_CACHE_SECRET='c' * 40", False),
    (False, ", MIZAN_CACHE_SECRET='c' * 40, MIZAN_MWT_SECRET='m' * 40", True),
    (True, "", True),
])
def test_a_server_outside_debug_refuses_to_start_without_secrets(
        debug: bool, extra: str, starts: bool) -> None:
    # A fresh interpreter, as gunicorn or uvicorn would load the project: no
    # system checks run there, so the app itself must refuse.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run([sys.executable, "-c", _BOOT.format(debug=debug, extra=extra)],
                          capture_output=True, text=True, env=env, timeout=60, check=False)
    if starts:
        assert done.returncode == 0 and "started" in done.stdout, done.stderr
    else:
        assert done.returncode != 0 and "started" not in done.stdout
        missing = "MIZAN_MWT_SECRET" if "CACHE" in extra else "MIZAN_CACHE_SECRET"
        assert f"ImproperlyConfigured: {missing} is not set" in done.stderr


def test_a_project_started_in_debug_needs_no_secrets_under_a_test_runner(
        settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # The project's settings say DEBUG = True; the test runner then assigns
    # DEBUG = False directly (no setting_changed): calls must still work.
    from mizan_django import conf

    monkeypatch.setattr(conf, "_startup_debug", True)
    del settings.MIZAN_CACHE_SECRET
    del settings.MIZAN_MWT_SECRET
    assert not {"mizan.E001", "mizan.E002"} & _ids()
    assert conf.config().mwt_secret and conf.config().cache_secret
    response = Client().post("/api/mizan/call/echo", b'{"text": "hi"}',
                             content_type="application/json")
    assert response.status_code == 200, response.content
    settings.DEBUG = False  # an explicit override is taken at its word
    assert {"mizan.E001", "mizan.E002"} <= _ids()
    with pytest.raises(ImproperlyConfigured, match="MIZAN_CACHE_SECRET is not set"):
        conf.config()


def test_equal_secrets_are_refused(settings: Any) -> None:
    settings.MIZAN_MWT_SECRET = settings.MIZAN_CACHE_SECRET
    assert "mizan.E003" in _ids()


@pytest.mark.parametrize(("debug", "starts"), [(False, False), (True, True)])
def test_a_server_outside_debug_refuses_to_start_with_equal_secrets(
        debug: bool, starts: bool) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    extra = ", MIZAN_CACHE_SECRET='s' * 40, MIZAN_MWT_SECRET='s' * 40"
    done = subprocess.run([sys.executable, "-c", _BOOT.format(debug=debug, extra=extra)],
                          capture_output=True, text=True, env=env, timeout=60, check=False)
    assert (done.returncode == 0 and "started" in done.stdout) is starts, done.stderr[-2000:]
    if not starts:
        assert ("ImproperlyConfigured: MIZAN_CACHE_SECRET and MIZAN_MWT_SECRET are the same"
                in done.stderr)


def test_bad_routes_are_reported() -> None:
    from mizan_core import client, default_registry, register

    @client(route="/a/<int:order>/")
    def wrong_placeholder(request: Any, order_id: int) -> str:
        return ""

    @client(route="/a/<nope:x>/")
    def bad_converter(request: Any, x: int) -> str:
        return ""

    @client(route="/receipts/<int:order_id>/")
    def same_route(request: Any, order_id: int) -> str:
        return ""

    names = {"t_wrong": wrong_placeholder, "t_bad": bad_converter, "t_same": same_route}
    for name, fn in names.items():
        register(fn, name)
    try:
        messages = [m for m in run_checks() if m.id in ("mizan.E004", "mizan.E005")]
        text = "\n".join(m.msg for m in messages)
        assert "<order> is not a parameter" in text and "'order_id' has no <order_id>" in text
        assert "not a valid Django path" in text
        assert any(m.id == "mizan.E005" for m in messages)
    finally:
        for name in names:
            default_registry.unregister(name)


def test_wrap_asgi_routes_http_to_django_and_websocket_to_mizan() -> None:
    from channels.routing import ProtocolTypeRouter
    from django.core.asgi import get_asgi_application

    from mizan_django import wrap_asgi

    django_app = get_asgi_application()
    wrapped = wrap_asgi(django_app)
    assert isinstance(wrapped, ProtocolTypeRouter)
    assert wrapped.application_mapping["http"].app is django_app  # behind the body limit
    assert "websocket" in wrapped.application_mapping


@pytest.mark.django_db
def test_export_command_writes_kdl_and_json(tmp_path: Any) -> None:
    from mizan_core.ir import loads_json, loads_kdl

    call_command("export_mizan_ir", "-o", str(tmp_path / "ir.kdl"))
    call_command("export_mizan_ir", "--format", "json", "-o", str(tmp_path / "ir.json"))
    from_kdl = loads_kdl((tmp_path / "ir.kdl").read_text())
    assert from_kdl == loads_json((tmp_path / "ir.json").read_text())
    receipt = from_kdl.function("receipt")
    assert receipt is not None and receipt.view_path and receipt.route == "/receipts/<int:order_id>/"
    assert from_kdl.function("explode") is not None
