"""A tree generated to look like a real Django project, with little Mizan in it.

    python -m tests.bench.realtree DEST [FILES [LINES [MIZAN]]]

writes FILES modules (about LINES lines in all) spread over apps of ten
modules each: `models.py`, `admin.py` (`@admin.register`), `views.py`,
`forms.py`, `wagtail_hooks.py` (`@hooks.register`), `api.py`
(`api_client`), `utils.py` and tests (`self.client.get(...)`), each padded
with more of the same. Every module imports its app's models and the first
app's models, as real projects do. The first MIZAN apps hold Mizan code
(none when MIZAN is 0): `shop0/views.py`; then `shop1/models.py`, which every other
module imports a model from; then `clients.py` modules. `shop0/apps.py`
calls `mizan_clients(...)` for them, so the runtime's imports are modelled
as in a real project. Real trees measured for comparison: docs/performance.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["write_tree"]

_KINDS = ("models", "admin", "views", "forms", "wagtail_hooks", "api", "utils", "tests/test_views",
          "tests/test_models", "tests/__init__")

_HEAD = '''"""{module}: part of a generated project."""

from __future__ import annotations

import logging

from django.db import models
from django.contrib import admin
from django.test import TestCase
from wagtail import hooks

from {first}.models import Record0
from .models import Record0 as LocalRecord

logger = logging.getLogger(__name__)
api_client = None
'''

_MODEL = '''

class Record{i}(models.Model):
    name = models.CharField(max_length=100)
    created = models.DateTimeField(auto_now_add=True)
    owner = models.ForeignKey("auth.User", on_delete=models.CASCADE)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{{self.name}} ({{self.pk}})"
'''

_BLOCK = '''

@admin.register(Record0)
class Record{i}Admin(admin.ModelAdmin):
    list_display = ("name", "created")
    search_fields = ("name",)


@hooks.register("insert_editor_js")
def editor_js_{i}() -> str:
    return "<script>register()</script>"


def helper_{i}(value: int, *, client=None) -> int:
    if client is not None:
        client.register(value)
    total = 0
    for step in range(value):
        total += step * {i}
    logger.debug("helper %s", total)
    return total


class Record{i}Tests(TestCase):
    def test_list(self) -> None:
        response = self.client.get("/records/{i}/")
        self.assertEqual(response.status_code, 200)

    def test_register(self) -> None:
        response = self.client.post("/register/", {{"name": "x"}})
        self.assertEqual(response.status_code, 302)
        api_client.register(LocalRecord)
'''

_VIEWS = '''"""The Mizan functions of the shop."""

from __future__ import annotations

from pydantic import BaseModel

from mizan_django import client, register


class Quote(BaseModel):
    sku: str
    price: float
    stock: int


@client
def quote(request, sku: str) -> Quote:
    return Quote(sku=sku, price=1.0, stock=3)


@client
def search(request, text: str, limit: int = 10) -> list[Quote]:
    return []


register(quote, "{app}.quote")
register(search, "{app}.search")
'''

_MODELS = '''"""Models, and one Mizan function beside them."""

from __future__ import annotations

from django.db import models

from mizan_django import client, register


class Record0(models.Model):
    name = models.CharField(max_length=100)


@client
def count_records(request) -> int:
    return 0


register(count_records, "{app}.count_records")
'''

_CLIENTS = '''from mizan_django import client, register


@client
def ping_{app}(request) -> str:
    return "pong"


register(ping_{app}, "{app}.ping")
'''


def _padded(head: str, lines: int, block: str) -> str:
    parts = [head]
    count, i = head.count("\n"), 1
    while count < lines:
        text = block.format(i=i)
        parts.append(text)
        count += text.count("\n")
        i += 1
    return "".join(parts)


def write_tree(dest: Path, files: int = 1000, lines: int = 230_000, mizan: int = 1) -> Path:
    """Write the tree under `dest`; returns `dest`."""
    per_file = max(20, lines // files)
    apps = max(1, (files - 2) // (len(_KINDS) + 1))  # each app has an __init__.py too
    mizan = max(0, min(mizan, apps))
    dest.mkdir(parents=True, exist_ok=True)
    written = 0
    for a in range(apps):
        app = f"shop{a}"
        (dest / app / "tests").mkdir(parents=True, exist_ok=True)
        (dest / app / "__init__.py").write_text("")
        for kind in _KINDS:
            if written >= files:
                break
            module = f"{app}.{kind.replace('/', '.')}"
            head = _HEAD.format(module=module, first="shop1" if apps > 1 else "shop0")
            body = _padded(head, per_file, _MODEL if kind == "models" else _BLOCK)
            (dest / app / f"{kind}.py").write_text(body)
            written += 1
    if not mizan:
        return dest  # a project that does not use Mizan at all
    (dest / "shop0" / "views.py").write_text(_VIEWS.format(app="shop0"))
    if mizan > 1:
        (dest / "shop1" / "models.py").write_text(_MODELS.format(app="shop1"))
    for a in range(2, mizan):
        (dest / f"shop{a}" / "clients.py").write_text(_CLIENTS.format(app=f"shop{a}"))
    found = ", ".join(f'"shop{a}"' for a in range(mizan))
    (dest / "shop0" / "clients.py").write_text("from . import views  # noqa: F401\n")
    (dest / "shop0" / "apps.py").write_text(
        "from django.apps import AppConfig\n\n\nclass ShopConfig(AppConfig):\n"
        '    name = "shop0"\n\n    def ready(self) -> None:\n'
        "        from mizan_django import mizan_clients\n\n"
        f"        mizan_clients({found})\n")
    return dest


if __name__ == "__main__":
    args = sys.argv[1:]
    numbers = [int(a) for a in args[1:4]]
    write_tree(Path(args[0]), *numbers)
