"""The plugin under incremental and parallel mypy, run for real.

mypy keeps a module's cached result while its source, its dependencies'
interfaces and the plugin's `report_config_data` for it are unchanged.
Renaming a context in module B changes none of A's dependencies' interfaces,
so only the plugin's key can tell mypy that A's `affects="cart"` is now wrong.
These tests rename it between two runs sharing one cache, serially and with
`--num-workers 2`, and check that A (and only the modules that can change)
is checked again.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PYPROJECT = """\
[tool.mypy]
plugins = ["mizan_mypy"]
show_column_numbers = true
strict = true

[tool.mizan.source.static]
paths = ["."]
"""
MUTATIONS = """\
from mizan_core import client, register


@client(affects="cart")
def add_item(request: object, cart_id: int) -> int:
    return cart_id


register(add_item, "add_item")
"""
CONTEXTS = """\
from mizan_core import client, register


@client(context="{name}")
def cart(request: object, cart_id: int) -> int:
    return cart_id


register(cart, "cart_view")
"""
PLAIN = """\
from mizan_core import client, register


@client
def echo(request: object, text: str) -> str:
    return text


register(echo, "echo")
"""
AFFECTS_ERROR = re.compile(
    r"^shop/mutations\.py:4:17: error: affects=\"cart\" names no context .*\[mizan-affects\]$",
    re.MULTILINE)


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "shop").mkdir(parents=True)
    (project / "pyproject.toml").write_text(PYPROJECT)
    (project / "shop" / "__init__.py").write_text("")
    (project / "shop" / "mutations.py").write_text(MUTATIONS)
    (project / "shop" / "contexts.py").write_text(CONTEXTS.format(name="cart"))
    (project / "shop" / "plain.py").write_text(PLAIN)
    return project


def _mypy(project: Path, *extra: str, cache: str = ".mypy_cache",
          timeout: float = 300, env: dict[str, str] | None = None) -> tuple[str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", cache, "-v", *extra, "shop"],
        cwd=project, capture_output=True, text=True, timeout=timeout, check=False,
        env={**os.environ, "MYPYPATH": str(ROOT), **(env or {})},
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.stdout, proc.stderr


def _rechecked_for_plugin(log: str) -> set[str]:
    return set(re.findall(r"Metadata abandoned for (\S+): plugin configuration differs", log))


@pytest.mark.parametrize("workers", [(), ("--num-workers", "2")], ids=["serial", "workers-2"])
def test_renaming_a_context_elsewhere_reports_in_the_cached_module(
        tmp_path: Path, workers: tuple[str, ...]) -> None:
    project = _project(tmp_path)
    first, _ = _mypy(project, *workers)
    assert "error" not in first, first

    (project / "shop" / "contexts.py").write_text(CONTEXTS.format(name="basket"))
    second, log = _mypy(project, *workers)
    assert AFFECTS_ERROR.search(second), second
    assert "[mizan-affects]" in second and second.count("error:") == 1, second
    # Only the module that names an affects target was invalidated by the
    # plugin; `plain` has no affects= and kept its cache. (`shop`, an empty
    # `__init__`, is rechecked too when the first run wrote it before the
    # index was ready: see the last test.)
    assert _rechecked_for_plugin(log) - {"shop"} == {"shop.mutations"}, \
        _rechecked_for_plugin(log)

    (project / "shop" / "contexts.py").write_text(CONTEXTS.format(name="cart"))
    third, _ = _mypy(project, *workers)
    assert "error" not in third, third


def test_adding_mizan_to_a_project_without_it_rechecks_no_cached_module(tmp_path: Path) -> None:
    """A project without Mizan code gives mypy no key for any module; once a
    Mizan module arrives, a module with nothing to report still has none, so
    no cached module is checked again for the plugin's sake, and the new
    module's findings are reported."""
    project = tmp_path / "project"
    (project / "shop").mkdir(parents=True)
    (project / "pyproject.toml").write_text(PYPROJECT)
    (project / "shop" / "__init__.py").write_text("")
    (project / "shop" / "plain.py").write_text("def total(items: list[int]) -> int:\n    return sum(items)\n")
    first, _ = _mypy(project)
    assert "error" not in first, first

    (project / "shop" / "mutations.py").write_text(MUTATIONS)
    second, log = _mypy(project)
    assert AFFECTS_ERROR.search(second), second
    assert _rechecked_for_plugin(log) == set(), _rechecked_for_plugin(log)


@pytest.mark.parametrize("workers", [(), ("--num-workers", "2")], ids=["serial", "workers-2"])
def test_mizan_code_added_to_a_cached_module_of_a_project_without_it_is_reported(
        tmp_path: Path, workers: tuple[str, ...]) -> None:
    """A warm run over a tree that had no Mizan code does not look at the
    tree until mypy checks a call into Mizan; the module edited to make one
    is checked again, and its findings are reported on that very run (a bad
    affects target, a function never registered), then kept by mypy's cache."""
    project = tmp_path / "project"
    (project / "shop").mkdir(parents=True)
    (project / "pyproject.toml").write_text(PYPROJECT)
    (project / "shop" / "__init__.py").write_text("")
    plain = "def total(items: list[int]) -> int:\n    return sum(items)\n"
    (project / "shop" / "mutations.py").write_text(plain)
    (project / "shop" / "other.py").write_text("from shop.mutations import total\n\nX = total([1])\n")
    for _ in range(2):  # cold, then warm with nothing changed
        out, _log = _mypy(project, *workers)
        assert "error" not in out, out

    (project / "shop" / "mutations.py").write_text(
        MUTATIONS + "\n\n" + plain + "\n\n@client\ndef orphan(request: object) -> int:\n    return 1\n")
    for _ in range(2):  # the edit, then warm with nothing changed
        out, _log = _mypy(project, *workers)
        assert AFFECTS_ERROR.search(out), out
        assert re.search(r"^shop/mutations\.py:\d+:\d+: error: .*orphan.*\[mizan-unregistered\]$",
                         out, re.MULTILINE), out
        assert out.count("error:") == 2, out

    (project / "shop" / "mutations.py").write_text(plain)  # and gone again
    out, _log = _mypy(project, *workers)
    assert "error" not in out, out


def test_parallel_and_serial_runs_report_the_same(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "shop" / "contexts.py").write_text(CONTEXTS.format(name="basket"))
    serial, _ = _mypy(project, "--no-incremental")
    parallel, _ = _mypy(project, "--num-workers", "2", cache=".mypy_cache_workers")
    assert AFFECTS_ERROR.search(serial), serial
    assert sorted(serial.splitlines()) == sorted(parallel.splitlines())


def test_modules_written_before_the_index_is_ready_are_rechecked_next_run(
        tmp_path: Path) -> None:
    """mypy must not stall on the index for a module no Mizan hook looked at.

    A cold run writes the cache of leaf modules (an empty package `__init__`)
    before the index helper has finished; the plugin gives them a key that
    never validates instead of waiting. To hold the index back for real, the
    helper process (and only it) starts by reading a named pipe, through a
    `sitecustomize` on its path: it blocks until the test opens the pipe,
    while mypy runs on. (A pipe under the source root would not do: the
    index skips special files unread.)
    """
    project = tmp_path / "project"
    (project / "shop").mkdir(parents=True)
    (project / "pyproject.toml").write_text(PYPROJECT)
    (project / "shop" / "__init__.py").write_text("")
    # Naming Mizan (a project without a mention never needs the index at all).
    (project / "shop" / "leaf.py").write_text("TAX_RATE: float = 0.2  # read by mizan_django views\n")
    gate = tmp_path / "gate"
    os.mkfifo(gate)
    hold = tmp_path / "hold"
    hold.mkdir()
    (hold / "sitecustomize.py").write_text(
        "import sys\n"
        "if 'mizan_mypy._indexer' in getattr(sys, 'orig_argv', ()):\n"
        f"    open({str(gate)!r}).read()\n")
    held = {"PYTHONPATH": os.pathsep.join([str(hold), os.environ.get("PYTHONPATH", "")])}

    try:
        # (Were the plugin to wait for the index, this run would never end.)
        first, _ = _mypy(project, timeout=60, env=held)
        assert "error" not in first, first
        # The helper is still blocked on the pipe: opening it for writing
        # without blocking succeeds only because a reader waits.
        os.close(os.open(gate, os.O_WRONLY | os.O_NONBLOCK))
    finally:
        _release(gate)

    second, log = _mypy(project)
    assert "error" not in second, second
    assert _rechecked_for_plugin(log) == {"shop", "shop.leaf"}, _rechecked_for_plugin(log)

    third, log = _mypy(project)
    assert "error" not in third, third
    assert _rechecked_for_plugin(log) == set(), _rechecked_for_plugin(log)


def _release(fifo: Path) -> None:
    """Let a reader blocked on `fifo` go on (it reads end-of-file), and remove it."""
    try:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        pass  # no reader left
    fifo.unlink()
