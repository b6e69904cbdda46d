"""The runtime benchmark's Django process (run by bench_runtime in a subprocess,
so its settings cannot leak into other benchmarks).

Three servers of the same echo function behind one Django handler: a bare
view returning ``JsonResponse``, django-ninja, and Mizan; and one Mizan
context that runs one SQLite aggregate query, fetched from the cache and
computed. Prints one JSON object: per server, the requests per second of each
interleaved round.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import django
from django.conf import settings

_DB = Path(tempfile.mkdtemp(prefix="mizan-bench-")) / "bench.sqlite3"
settings.configure(
    DEBUG=False, SECRET_KEY="bench", ALLOWED_HOSTS=["testserver"], USE_TZ=True,
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes",
                    "django.contrib.sessions", "mizan_django"],
    MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware",
                "django.middleware.csrf.CsrfViewMiddleware",
                "django.contrib.auth.middleware.AuthenticationMiddleware"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(_DB)}},
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    MIZAN_CACHE_SECRET="bench-cache-secret-0123456789", MIZAN_MWT_SECRET="bench-mwt-secret-987",
    DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
)
django.setup()

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.test import Client, override_settings
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Schema
from pydantic import BaseModel

from mizan_django import client, register

from ._report import interleaved

ROWS = 20_000


class EchoOut(BaseModel):
    message: str


class EchoIn(Schema):
    text: str


class EchoSchema(Schema):
    message: str


class Totals(BaseModel):
    kind: str
    count: int
    total_cents: int


@csrf_exempt
def bare_echo(request: HttpRequest) -> JsonResponse:
    data = json.loads(request.body)
    return JsonResponse({"message": data["text"]})


api = NinjaAPI(urls_namespace="bench")


@api.post("/echo", response=EchoSchema)
def ninja_echo(request: HttpRequest, payload: EchoIn) -> dict[str, str]:
    return {"message": payload.text}


@client
def echo(request: HttpRequest, text: str) -> EchoOut:
    return EchoOut(message=text)


@client(context="catalogue")
def totals(request: HttpRequest, kind: str) -> Totals:
    with connection.cursor() as cursor:  # one query: an aggregate over the table
        cursor.execute("SELECT COUNT(*), COALESCE(SUM(price_cents), 0) FROM bench_product "
                       "WHERE kind = %s", [kind])
        count, total = cursor.fetchone()
    return Totals(kind=kind, count=count, total_cents=total)


register(echo, "echo")
register(totals, "totals")

# All three are mounted the same way, one include() deep, as a project would.
urlpatterns = [
    path("bare/", include([path("echo", bare_echo)])),
    path("ninja/", api.urls),
    path("api/mizan/", include("mizan_django.urls")),
]


def _seed() -> None:
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_product (id INTEGER PRIMARY KEY, kind TEXT, "
                       "price_cents INTEGER)")
        cursor.executemany("INSERT INTO bench_product (kind, price_cents) VALUES (%s, %s)",
                           [("tea" if i % 3 else "jam", i % 997) for i in range(ROWS)])


def _rate(send: Any, n: int) -> Callable[[], float]:
    """A contestant: each call sends ``n`` requests and returns requests per second."""
    def measure() -> float:
        start = time.perf_counter()
        for _ in range(n):
            send()
        return n / (time.perf_counter() - start)
    return measure


def main() -> None:
    quick = "--quick" in sys.argv
    n, repeat = (300, 3) if quick else (2000, 5)
    _seed()
    c = Client()
    body = json.dumps({"text": "hello"})

    def post(url: str) -> Any:
        def send() -> None:
            response = c.post(url, body, content_type="application/json")
            assert response.status_code == 200, response.content
        return send

    def get(url: str) -> Any:
        def send() -> None:
            assert c.get(url).status_code == 200
        return send

    computing = _rate(get('/api/mizan/call/totals?kind="tea"'), max(n // 4, 100))

    def compute() -> float:
        with override_settings(MIZAN_CACHE_TIMEOUT=0):  # every read computes
            return computing()

    contestants = {
        "bare": _rate(post("/bare/echo"), n),
        "ninja": _rate(post("/ninja/echo"), n),
        "mizan": _rate(post("/api/mizan/call/echo"), n),
        "hit": _rate(get('/api/mizan/call/totals?kind="tea"'), n),
        "compute": compute,
    }
    for measure in contestants.values():  # warm up every path before the first round
        measure()
    out = {name: list(s.values) for name, s in interleaved(contestants, repeat).items()}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
