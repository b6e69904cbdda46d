"""A synthetic Mizan project for benchmarks: N functions across N/5 modules.

    python -m tests.bench.synth DEST [N]

writes a Django project (manage.py, `synthsite` settings, one app `synth`)
whose modules each hold three pydantic models (one inheriting, one with an
enum and an alias), a named context function, two plain functions and two
mutations (one scoped to its own context, one to the next module's), all
registered. `synth/clients.py` imports every module so `mizan_clients("synth")`
registers everything, and `manage.py export_mizan_ir` runs on it. One module
(`synth/big.py`) is padded to about 300 lines: the file the one-file-update
benchmark edits.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["BIG_MODULE", "write_project"]

BIG_MODULE = "synth/big.py"

_SETTINGS = '''
SECRET_KEY = "synthetic-benchmark-only"
DEBUG = True
ALLOWED_HOSTS = ["testserver"]
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "mizan_django", "synth"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
ROOT_URLCONF = "synthsite.urls"
USE_TZ = True
MIZAN_CACHE_SECRET = "synthetic-benchmark-cache-secret-0123456789"
MIZAN_MWT_SECRET = "synthetic-benchmark-mwt-secret-0123456789ab"
'''

_MANAGE = '''import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "synthsite.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
'''

_APPS = '''from django.apps import AppConfig


class SynthConfig(AppConfig):
    name = "synth"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("synth")
'''

_COMMON = '''from enum import Enum

from pydantic import BaseModel


class Status(str, Enum):
    OPEN = "open"
    CLOSED = "closed"


class Audit(BaseModel):
    created_by: str
    version: int = 1
'''


def _module(k: int, n_modules: int, pad_to: int = 0) -> str:
    nxt = (k + 1) % n_modules
    lines = [
        f'"""Synthetic module {k}."""',
        "",
        "from datetime import datetime",
        "from typing import Optional",
        "",
        "from pydantic import BaseModel, Field",
        "",
        "from mizan_django import client, register",
        "from synth.common import Audit, Status",
        "",
        "",
        f"class Item{k}(Audit):",
        "    item_id: int",
        "    title: str",
        "    tags: list[str] = []",
        '    note: Optional[str] = Field(default=None, alias="noteText")',
        "",
        "",
        f"class Page{k}(BaseModel):",
        f"    items: list[Item{k}]",
        "    total: int",
        "    status: Status = Status.OPEN",
        "",
        "",
        f"class Change{k}(BaseModel):",
        "    item_id: int",
        "    at: datetime",
        "",
        "",
        f'@client(context="ctx{k}")',
        f"def item_{k}(request, item_id: int) -> Item{k}:",
        f'    """Item {k}."""',
        "    raise NotImplementedError",
        "",
        "",
        "@client",
        f"def list_{k}(request, q: str = \"\", limit: int = 20) -> Page{k}:",
        "    raise NotImplementedError",
        "",
        "",
        "@client(websocket=True)",
        f"def search_{k}(request, q: str, status: Optional[Status] = None) -> list[Item{k}]:",
        "    raise NotImplementedError",
        "",
        "",
        f'@client(affects="ctx{k}", auth=True)',
        f"def update_{k}(request, item_id: int, title: str) -> Change{k}:",
        "    raise NotImplementedError",
        "",
        "",
        f'@client(affects=["ctx{nxt}", "ctx{k}"], auth="staff")',
        f"def move_{k}(request, item_id: int, target: int) -> Change{k}:",
        "    raise NotImplementedError",
        "",
        "",
    ]
    for name in ("item", "list", "search", "update", "move"):
        lines.append(f'register({name}_{k}, "{name}_{k}")')
    body = "\n".join(lines) + "\n"
    pad = pad_to - body.count("\n")
    if pad > 0:
        helpers = []
        for i in range(pad // 6 + 1):
            helpers.append(f"\n\ndef _helper_{i}(value: int) -> int:\n    # padding: a plain helper\n"
                           f"    return value + {i}\n")
        body = body.replace("\n\n@client(context", "".join(helpers) + "\n\n@client(context", 1)
    return body


def write_project(dest: Path, n_functions: int = 1000) -> Path:
    """Write the project under `dest` (the source root) and return it."""
    n_modules = max(1, n_functions // 5)
    app = dest / "synth"
    site = dest / "synthsite"
    app.mkdir(parents=True, exist_ok=True)
    site.mkdir(parents=True, exist_ok=True)
    (dest / "manage.py").write_text(_MANAGE)
    (site / "__init__.py").write_text("")
    (site / "settings.py").write_text(_SETTINGS)
    (site / "urls.py").write_text('from django.urls import include, path\n\nurlpatterns = '
                                  '[path("api/mizan/", include("mizan_django.urls"))]\n')
    (app / "__init__.py").write_text("")
    (app / "apps.py").write_text(_APPS)
    (app / "common.py").write_text(_COMMON)
    names = []
    for k in range(n_modules):
        name = "big" if k == 0 else f"m{k:04d}"
        names.append(name)
        (app / f"{name}.py").write_text(_module(k, n_modules, pad_to=300 if k == 0 else 0))
    (app / "clients.py").write_text(
        "".join(f"from synth import {name}  # noqa: F401\n" for name in names))
    return dest


if __name__ == "__main__":
    target = Path(sys.argv[1])
    write_project(target, int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
    print(target)
