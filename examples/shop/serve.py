#!/usr/bin/env python
"""Serve the demo shop and its React app under a real ASGI server (what ``make demo`` runs).

Migrates the database, adds the demo products and the demo user, binds a
loopback port, prints the address and the login, and serves until
interrupted. The frontend must be built first (``make demo`` does it).

    python examples/shop/serve.py [--port 8000 | --port 0] [--server uvicorn|daphne]

``--port 0`` takes a free port. ``MIZAN_SHOP_DB`` moves the SQLite file.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
from pathlib import Path

SHOP = Path(__file__).resolve().parent
DEMO_USER = ("demo", "demo")
PRODUCTS = [
    ("tea", "Green tea", "physical", "4.50", 12),
    ("coffee", "Coffee beans", "physical", "9.90", 5),
    ("ebook", "The Mizan handbook", "digital", "15.00", 1000),
]


def prepare() -> None:
    """Boot Django, migrate, and add the products and the demo user when missing."""
    sys.path.insert(0, str(SHOP))
    # This script serves the shop, whatever settings module the shell exports.
    os.environ["DJANGO_SETTINGS_MODULE"] = "shopsite.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model
    from shop.models import Product

    for sku, name, kind, price, stock in PRODUCTS:
        Product.objects.get_or_create(
            sku=sku, defaults={"name": name, "kind": kind, "price": price, "stock": stock}
        )
    users = get_user_model()
    username, password = DEMO_USER
    if not users.objects.filter(username=username).exists():
        users.objects.create_user(username=username, password=password)


def bind(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as error:
        sys.exit(f"cannot listen on 127.0.0.1:{port}: {error.strerror} (another port: --port 0, or make demo PORT=0)")
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def serve(sock: socket.socket, server: str) -> None:
    from shopsite.asgi import application  # wrap_asgi: HTTP plus Mizan's websocket

    if server == "uvicorn":
        import uvicorn

        config = uvicorn.Config(application, log_level="warning", lifespan="off", ws="websockets-sansio")
        uvicorn.Server(config).run(sockets=[sock])
    else:
        from daphne.server import Server

        Server(
            application,
            endpoints=[f"fd:fileno={sock.fileno()}"],
            verbosity=0,
        ).run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000, help="0 takes a free port")
    parser.add_argument("--server", choices=["uvicorn", "daphne"], default="uvicorn")
    args = parser.parse_args(argv)
    prepare()
    sock = bind(args.port)
    port = sock.getsockname()[1]
    username, password = DEMO_USER
    print(f"Mizan demo shop on http://127.0.0.1:{port}/  ({args.server})", flush=True)
    print(f"  log in at http://127.0.0.1:{port}/login/ as {username} / {password}", flush=True)
    print("  Ctrl-C stops it.", flush=True)
    try:
        serve(sock, args.server)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
