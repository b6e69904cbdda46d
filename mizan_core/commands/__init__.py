"""The command layer: what each `mizan` command does, above the pure layers.

    source --extractor--> IR --> KDL / JSON         (mizan_core.ir)
                              --> TypeScript        (mizan_core.codegen)
                              --> OpenAPI, graph    (mizan_core.export)
          diagnostics -------------------------->   (mizan_core.rules)

A command reads the configuration (`mizan_core.config`), chooses where the
IR comes from (the source, or Django through `manage.py export_mizan_ir`,
`ir_source`), calls the layers below and turns the outcome into output and an
exit code: 0 clean, 1 findings or stale output, 2 usage or configuration
error, always a message and never a traceback. The layers below print
nothing and exit nothing.

One module per command (`ir`, `graph`, `check`, `generate`), each exposing a
`COMMAND`; `mizan_core.cli` is the argparse front that dispatches to them.
Other packages add commands through the `mizan.commands` entry-point group
(`plugins`): `mizan lsp` is the language server's.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

__all__ = ["Command"]


@dataclass(frozen=True)
class Command:
    """One `mizan` subcommand: its one-line help, a function adding its
    arguments to its parser, and the function running it, which returns the
    exit code. Raising `mizan_core.config.ConfigError` is exit code 2 with
    the error's message."""

    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, TextIO, TextIO], int]
