"""`mizan_core`'s public names (DESIGN "Public import paths"), as a user's
module meets them: each import is made in a fresh interpreter, since the
package loads them on first use and the order of imports is what matters."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> str:
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout.strip()


@pytest.mark.parametrize("first", [
    "pass",
    "from mizan_core.client import ClientMeta",
    "import mizan_core.client",
    # as a Django project meets it: mizan_django imports the submodule before
    # the user's `from mizan_core import client` runs
    "import django.conf; django.conf.settings.configure(); django.setup(); import mizan_django",
])
def test_client_is_the_decorator_whatever_was_imported_first(first: str) -> None:
    out = _run(f"""
        {first}
        import inspect
        import mizan_core
        from mizan_core import client, register
        from mizan_core.client import client as decorator
        assert client is decorator and mizan_core.client is decorator, client
        assert inspect.isfunction(register), register
        print("ok")
    """)
    assert out == "ok"


def test_every_public_name_is_importable_and_listed() -> None:
    out = _run("""
        import mizan_core
        from mizan_core import *  # noqa: F403
        names = sorted(mizan_core.__all__)
        assert all(name in globals() for name in names), names
        assert set(names) <= set(dir(mizan_core))
        from mizan_core import MizanError, Registry, default_registry
        assert isinstance(default_registry, Registry) and issubclass(MizanError, Exception)
        print(len(names))
    """)
    assert out == "11"


def test_the_package_alone_loads_neither_the_decorator_nor_the_registry() -> None:
    # Every mypy run imports the plugin, and with it `mizan_core`: what it does
    # not use is not loaded.
    out = _run("""
        import sys
        import mizan_mypy
        mizan_mypy.plugin("1.0")
        print(sorted(m for m in ("mizan_core.client", "mizan_core.registry") if m in sys.modules))
    """)
    assert out == "[]"


def test_an_unknown_name_is_an_attribute_error() -> None:
    out = _run("""
        import mizan_core
        try:
            mizan_core.nothing_here
        except AttributeError as exc:
            print(exc)
    """)
    assert "nothing_here" in out
