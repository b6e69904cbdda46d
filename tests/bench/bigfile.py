"""A 6,000-line module: three Mizan functions among a thousand plain helpers.

What a large views file looks like to the extractor: almost every statement
is a function it only needs the name of, and a keystroke anywhere must not
cost a re-read of all of them.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["big_module", "write_big_project"]


def big_module(helpers: int = 1000) -> str:
    parts = ["from mizan_django import client, register\n",
             "from pydantic import BaseModel\n\n",
             "class Out(BaseModel):\n    id: int\n\n"]
    for i in range(3):
        parts.append(f"@client(context='ctx{i}')\n"
                     f"def fn{i}(request, item_id: int) -> Out:\n"
                     f"    return Out(id=item_id)\n"
                     f"register(fn{i}, 'fn{i}')\n\n")
    for i in range(helpers):
        parts.append(f"def helper_{i}(a, b):\n"
                     f"    x = a + b * {i}\n"
                     f"    if x > 10:\n"
                     f"        return [x, a, b, {{'k': x}}]\n"
                     f"    return None\n\n")
    return "".join(parts)


def write_big_project(root: Path, helpers: int = 1000) -> Path:
    """A source root holding the app package; returns the big module's path."""
    app = root / "app"
    app.mkdir(parents=True, exist_ok=True)
    (app / "__init__.py").write_text("")
    path = app / "views.py"
    path.write_text(big_module(helpers))
    return path
