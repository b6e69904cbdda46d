"""`manage.py check` runs the diagnostic catalogue's rules over the live registry.

A project with `affects="notebok"` (and other mistakes the static checker
refuses) is started in a fresh interpreter and `manage.py check` is run as a
user runs it: every finding carries the catalogue's code and the sentence
`mizan check` prints, and the command fails as Django's own errors make it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from mizan_core.extract import extract_ir

REPO = Path(__file__).resolve().parents[2]

CLIENTS = '''\
from mizan_django import client, register


@client(context="notebook")
def notebook(request, notebook_id: int) -> list[str]:
    return []


@client(context="notebook")
def notebook_title(request, notebook_id: str) -> str:
    return ""


@client(context="global")
def theme(request, dark: bool) -> str:
    return "dark"


@client(affects="notebok")
def add_page(request, notebook_id: int) -> None:
    return None


@client
def shout(req, text) -> str:
    return text


register(shout, "shout")
register(notebook, "notebook")
register(notebook_title, "notebook_title")
register(theme, "theme")
register(add_page, "add_page")


@client(
    affects=[
        "notebook",
        "notebok",
    ],
)
def rename_page(
    request,
    notebook_id: int,
    title,
) -> None:
    return None


register(rename_page, "rename_page")
'''

# Written in Latin-1, as its declaration says: both checkers read it as Python does.
FORMS = '''\
# -*- coding: latin-1 -*-
from django import forms
from mizan_django.forms import mizanFormMeta, mizanFormMixin
# the form of a page of "notes de café"

class PageForm(mizanFormMixin, forms.Form):
    mizan = mizanFormMeta(name="page_form", affects="noteboook")

    notebook_id = forms.IntegerField()
'''

APPS = '''\
from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("pages")
'''

MANAGE = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[1])
    from django.conf import settings
    settings.configure(
        DEBUG=True, SECRET_KEY="checks", USE_TZ=True,
        INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes", "mizan_django",
                        "pages"],
        MIDDLEWARE=["django.contrib.auth.middleware.AuthenticationMiddleware"],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
    )
    from django.core.management import execute_from_command_line
    execute_from_command_line(["manage.py", "check"])
    """
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("checks")
    (root / "pages").mkdir()
    (root / "pages" / "__init__.py").write_text("")
    (root / "pages" / "apps.py").write_text(APPS)
    (root / "pages" / "clients.py").write_text(CLIENTS)
    (root / "pages" / "forms.py").write_text(FORMS, encoding="latin-1")
    return root


@pytest.fixture(scope="module")
def checked(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", MANAGE, str(project)], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)


def test_check_fails_with_the_catalogues_affects_message(checked: subprocess.CompletedProcess[str]
                                                         ) -> None:
    assert checked.returncode == 1
    assert ("pages.clients.add_page: (mizan-affects) affects=\"notebok\" names no context and no "
            "registered function. Did you mean 'notebook'?") in checked.stderr
    assert "HINT: at pages/clients.py:19" in checked.stderr


def test_every_project_error_the_static_checker_finds_is_reported(
        project: Path, checked: subprocess.CompletedProcess[str]) -> None:
    static = [d for d in extract_ir([project]).diagnostics if d.severity == "error"]
    assert {d.code for d in static} == {"mizan-affects", "mizan-context-params",
                                        "mizan-global-params", "mizan-request", "mizan-untyped"}
    for d in static:
        assert f"({d.code}) {d.message.split('`')[0]}" in checked.stderr, d
    assert "(mizan-context-params) parameter `notebook_id` is `str` here but `int` in `notebook`" \
        in checked.stderr


def test_a_forms_affects_target_is_checked_as_a_functions(checked: subprocess.CompletedProcess[str]
                                                          ) -> None:
    assert ("(mizan-affects) affects=\"noteboook\" names no context and no registered function. "
            "Did you mean 'notebook'?") in checked.stderr
    # the `affects=` item, where `mizan check` points, under the form's own name
    assert ("pages.forms.PageForm: (mizan-affects) affects=\"noteboook\"" in checked.stderr)
    assert "HINT: at pages/forms.py:7" in checked.stderr


def test_each_finding_names_the_line_and_owner_mizan_check_names(
        project: Path, checked: subprocess.CompletedProcess[str]) -> None:
    reported = {(code, file, int(line)): owner for owner, code, file, line in re.findall(
        r"^(\S+): \((mizan-[a-z-]+)\) .*\n\tHINT: at (\S+):(\d+)$", checked.stderr, re.MULTILINE)}
    static = {(d.code, Path(d.file).relative_to(project).as_posix(), d.line)
              for d in extract_ir([project]).diagnostics if d.severity == "error"}
    assert set(reported) == static
    assert ("mizan-affects", "pages/clients.py", 39) in static  # a second line of affects=[...]
    assert ("mizan-untyped", "pages/clients.py", 45) in static  # the parameter's own line
    assert reported[("mizan-untyped", "pages/clients.py", 45)] == "pages.clients.rename_page"
    assert reported[("mizan-affects", "pages/forms.py", 7)] == "pages.forms.PageForm"


@pytest.mark.parametrize(("debug", "layers", "redis", "concurrency", "warned"), [
    (False, "memory", None, None, "DEBUG is off"),
    (True, "memory", None, "4", "WEB_CONCURRENCY=4"),
    (True, "memory", None, None, None),  # one development server
    (False, "redis", None, None, None),
    (False, None, "redis://127.0.0.1:1/0", None, None),  # the one Redis setting
])
def test_an_in_memory_channel_layer_that_looks_shared_warns(
        settings: Any, monkeypatch: pytest.MonkeyPatch, debug: bool, layers: str | None,
        redis: str | None, concurrency: str | None, warned: str | None) -> None:
    from mizan_django.checks import check_settings

    settings.DEBUG = debug
    settings.CHANNEL_LAYERS = {
        "memory": {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}},
        "redis": {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer"}},
        None: {}}[layers]
    settings.MIZAN_CACHE_REDIS_URL = redis
    if concurrency is None:
        monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    else:
        monkeypatch.setenv("WEB_CONCURRENCY", concurrency)
    found = [m for m in check_settings() if m.id == "mizan.W002"]
    if warned is None:
        assert found == []
    else:
        assert len(found) == 1 and warned in found[0].msg
        assert "reaches nobody" in found[0].msg and "MIZAN_CACHE_REDIS_URL" in found[0].hint


SERVE = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[1])
    from django.conf import settings
    settings.configure(
        DEBUG=sys.argv[2] == "debug", SECRET_KEY="checks", USE_TZ=True,
        ALLOWED_HOSTS=["testserver"], ROOT_URLCONF="tests.django.urls",
        INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes", "mizan_django",
                        "pages"],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        MIZAN_CACHE_SECRET="checks-cache-secret-0123456789abcdef0123",
        MIZAN_MWT_SECRET="checks-mwt-secret-0123456789abcdef01234567",
    )
    import django
    django.setup()
    from django.core.asgi import get_asgi_application
    from django.test import Client
    from mizan_django import wrap_asgi
    try:
        wrap_asgi(get_asgi_application())  # what an ASGI server imports at start
    except Exception as error:
        print("asgi:", type(error).__name__)
    try:
        status = Client().post("/api/mizan/call/add_page", '{"notebook_id": 1}',
                               content_type="application/json").status_code
    except Exception as error:
        print(type(error).__name__, error)
    else:
        print("served", status)
    """
)


@pytest.mark.parametrize("mode", ["production", "debug"])
def test_a_server_that_runs_no_checks_refuses_to_start_or_serve_outside_debug(project: Path,
                                                                     mode: str) -> None:
    done = subprocess.run([sys.executable, "-c", SERVE, str(project), mode], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    if mode == "debug":  # runserver shows the findings; a debugging server still answers
        assert done.stdout.strip() == "served 200"
    else:
        first, rest = done.stdout.split("\n", 1)
        assert first == "asgi: ImproperlyConfigured"  # wrap_asgi: the server does not start
        assert rest.startswith("ImproperlyConfigured Mizan refuses to serve: "
                               "`manage.py check` reports ")
        assert ("mizan-affects: affects=\"notebok\" names no context and no registered "
                "function. Did you mean 'notebook'? (at pages/clients.py:19)") in done.stdout
