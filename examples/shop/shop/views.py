"""The page that carries the React app: Vite's built bundle plus the hydration tag."""

import json
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def _entry() -> dict[str, list[str]]:
    """The built entry's script and stylesheets, as Vite's manifest names them."""
    manifest = Path(settings.SHOP_FRONTEND_DIST) / ".vite" / "manifest.json"
    try:
        entry = json.loads(manifest.read_text(encoding="utf-8"))["index.html"]
    except (OSError, ValueError, KeyError):
        return {}
    return {"scripts": [entry["file"]], "styles": list(entry.get("css", []))}


def index(request: HttpRequest) -> HttpResponse:
    # Read on every request so a rebuild (`npm run build`) needs no restart.
    entry = _entry()
    if not entry:
        return HttpResponse(
            "The frontend is not built: run `make demo` (or `npm run build` in "
            "examples/shop/frontend).\n",
            status=503,
            content_type="text/plain",
        )
    return render(request, "shop/index.html", entry)
