"""The YAML cases (pytest-mypy-plugins) run in their own pytest invocation.

pytest-lsp and pytest-mypy-plugins break each other in one process, so
`make test` runs `pytest -p no:pytest-lsp tests/mypy_plugin` separately (the
plugin's entry-point name is `pytest-lsp`; `-p no:pytest_lsp` does not block
it). Here the YAML files are left out of any run that has pytest-lsp loaded;
the Python tests beside them run in both.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

BASE_CONFIG = Path(__file__).with_name("mypy.ini")


def pytest_configure(config: pytest.Config) -> None:
    # The cases run this environment's mypy (pytest-mypy-plugins looks it up
    # on PATH) with the plugin configured by mypy.ini beside this file.
    bin_dir = str(Path(sys.executable).parent)
    os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    if getattr(config.option, "mypy_ini_file", None) is None:
        config.option.mypy_ini_file = str(BASE_CONFIG)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if collection_path.suffix in (".yml", ".yaml") and \
            config.pluginmanager.get_plugin("pytest-lsp") is not None:
        return True
    return None
