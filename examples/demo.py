"""What ``make demo-tour`` runs: the demo shop seen through every part of Mizan.

Run from the repository root: ``uv run python examples/demo.py``.

The demo is a list of small steps, each printing a header. A step whose part
of Mizan does not exist yet prints one line saying what it waits for and the
demo goes on: the demo is never a traceback. The shop is clean (its static IR
is its runtime IR); its deliberate mistakes live in their own source root,
``examples/mistakes``, for ``mizan check`` to flag.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOP = ROOT / "examples" / "shop"
MISTAKES = ROOT / "examples" / "mistakes"


class Waiting(Exception):
    """A step cannot run yet because the part of Mizan it shows is not built."""


def header(title: str) -> None:
    print()
    print(f"== {title} " + "=" * max(0, 70 - len(title)))


def step_runtime_registry() -> None:
    """Boot the shop with Django and list what it registered."""
    header("1. runtime registry (Django boots the shop)")
    if importlib.util.find_spec("mizan_django") is None or not _has_attr(
        "mizan_django", "mizan_clients"
    ):
        raise Waiting("this step waits for the Django runtime (mizan_django) issue.")
    sys.path.insert(0, str(SHOP))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shopsite.settings")
    import django

    django.setup()
    from mizan_core import default_registry

    for name, function in default_registry.items():
        meta = function.meta
        facts = [
            f"context={meta.context}" if meta.context else "",
            "affects=" + ",".join(a if isinstance(a, str) else a.__name__ for a in meta.affects)
            if meta.affects
            else "",
            f"auth={meta.auth if not callable(meta.auth) else meta.auth.__name__}"
            if meta.auth
            else "",
            f"route={meta.route}" if meta.route else "",
            f"rev={meta.rev}" if meta.rev != 1 else "",
            "websocket" if meta.websocket else "",
        ]
        print(f"  {name:<14} {function.qualified_name:<28} " + " ".join(f for f in facts if f))
    others = [e for e in default_registry.entries() if e.kind != "function"]
    for entry in others:
        print(f"  {entry.name:<14} {entry.owner:<28} ({entry.kind})")
    print(f"  {len(default_registry)} functions registered")


def _has_attr(module: str, name: str) -> bool:
    try:
        return hasattr(importlib.import_module(module), name)
    except ImportError:
        return False


def step_serve_requests() -> None:
    """Serve a few calls through Django's own test client, then export the runtime IR."""
    header("serve requests (Django test client) and export the runtime IR")
    import json
    import logging
    import tempfile

    from django.core.management import call_command
    from django.db import connections
    from django.test import Client

    # A scratch database, so the demo leaves nothing behind (Django was booted by step 1).
    connections["default"].settings_dict["NAME"] = str(Path(tempfile.mkdtemp()) / "shop.sqlite3")
    call_command("migrate", verbosity=0)
    from shop.models import Product

    Product.objects.create(sku="tea", name="Green tea", price="4.50", stock=3)
    browser = Client()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the 4xx below are on purpose

    def show(label: str, response: object) -> None:
        body = response.content.decode()  # type: ignore[attr-defined]
        print(f"  {label:<34} {response.status_code} {body[:90]}")  # type: ignore[attr-defined]

    show("POST call/echo", browser.post("/api/mizan/call/echo", {"text": "hi"},
                                        content_type="application/json"))
    first = browser.get("/api/mizan/call/cart?cart_id=1")
    show("GET call/cart?cart_id=1", first)
    print(f"  {'':<34} ETag {first['ETag']}, Cache-Control {first['Cache-Control']}")
    again = browser.get("/api/mizan/call/cart?cart_id=1", HTTP_IF_NONE_MATCH=first["ETag"])
    print(f"  {'GET again with If-None-Match':<34} {again.status_code}")
    added = browser.post("/api/mizan/call/add_item", {"cart_id": 1, "sku": "tea"},
                         content_type="application/json")
    show("POST call/add_item", added)
    print(f"  {'':<34} X-Mizan-Invalidate {added['X-Mizan-Invalidate']}")
    after = browser.get("/api/mizan/call/cart?cart_id=1", HTTP_IF_NONE_MATCH=first["ETag"])
    lines = json.loads(after.content)["result"]["lines"]
    print(f"  {'GET cart again (purged)':<34} {after.status_code}, {len(lines)} line(s)")
    show("POST call/echo {text: 1}", browser.post("/api/mizan/call/echo", {"text": 1},
                                                  content_type="application/json"))
    show("GET receipt/1/ (auth=True)", browser.get("/api/mizan/receipt/1/"))

    from mizan_core.ir import dumps_kdl
    from mizan_django.export import runtime_ir

    ir = runtime_ir()
    print(f"  runtime IR: {len(ir.functions)} functions, {len(ir.contexts)} contexts, "
          f"{len(ir.models)} models, {len(ir.forms)} forms, {len(ir.channels)} channels, "
          f"{len(dumps_kdl(ir).splitlines())} lines of KDL (manage.py export_mizan_ir)")


def step_generate_typescript() -> None:
    """Run `mizan generate` with the shop as its static source, into a scratch folder."""
    header("generate TypeScript (mizan generate, [source.static] = examples/shop)")
    if importlib.util.find_spec("mizan_core.codegen") is None:
        raise Waiting("this step waits for the TypeScript generator issue.")
    import subprocess
    import tempfile

    scratch = Path(tempfile.mkdtemp(prefix="mizan-demo-"))
    (scratch / "mizan.toml").write_text(
        f'output = "src/api"\n[source.static]\npaths = ["{SHOP.as_posix()}"]\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mizan_core.cli", "generate", "--config",
                           str(scratch / "mizan.toml")], cwd=scratch, capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"mizan generate exited {done.returncode}: {done.stderr.strip()}")
    out = scratch / "src" / "api"
    for path in sorted(out.iterdir()):
        lines = path.read_text(encoding="utf-8").count("\n")
        print(f"  {path.name:<16} {lines:>5} lines")
    calls = (out / "react.ts").read_text(encoding="utf-8")
    hooks = sorted(line.split("(")[0].removeprefix("export function ")
                   for line in calls.splitlines() if line.startswith("export function use"))
    print(f"  hooks: {', '.join(hooks)}")
    print(f"  written to {out}")


def step_static_ir_and_check() -> None:
    """Read the shop from source (no Django), compare with the runtime IR, run the checker."""
    header("static IR + mizan check (source only, no Django)")
    from mizan_core.extract import ProjectIndex
    from mizan_core.ir import dumps_kdl
    from mizan_django.export import runtime_ir  # Django was booted by the first step

    shop = ProjectIndex([SHOP], display_root=ROOT).build()
    static, runtime = dumps_kdl(shop.ir), dumps_kdl(runtime_ir())
    if static != runtime:
        raise RuntimeError("the shop's static IR differs from its runtime IR "
                           "(compare `mizan ir examples/shop` with `manage.py export_mizan_ir`)")
    print(f"  static IR == runtime IR: identical, {len(shop.ir.functions)} functions, "
          f"{len(shop.ir.models)} models, {len(static.splitlines())} lines of KDL")
    print("    (mizan ir examples/shop == manage.py export_mizan_ir, byte for byte)")
    print("  mizan check examples/shop: " + (f"{len(shop.diagnostics)} problem(s)"
                                             if shop.diagnostics else "no problems found"))
    mistakes = ProjectIndex([MISTAKES], display_root=ROOT).build()
    print("  mizan check examples/mistakes (one mistake per diagnostic code, on purpose):")
    for d in mistakes.diagnostics:
        print(f"    {d.file}:{d.line}:{d.column}: {d.code} {d.message[:60]}")
    errors = sum(d.severity == "error" for d in mistakes.diagnostics)
    codes = sorted({d.code for d in mistakes.diagnostics})
    print(f"  {errors} error(s), {len(mistakes.diagnostics) - errors} warning(s), "
          f"{len(codes)} codes: {', '.join(c.removeprefix('mizan-') for c in codes)}")


STEPS: list[Callable[[], None]] = [
    step_runtime_registry, step_serve_requests, step_static_ir_and_check,
    step_generate_typescript,
]


def main() -> int:
    print(f"Mizan demo: the shop in {SHOP.relative_to(ROOT)}")
    for step in STEPS:
        try:
            step()
        except Waiting as waiting:
            print(f"  (not yet) {waiting}")
        except Exception as error:  # noqa: BLE001  (the demo reports, it does not crash)
            print(f"  step failed: {type(error).__name__}: {error}")
            return 1
    print()
    print("demo finished")
    return 0


if __name__ == "__main__":
    sys.exit(main())
