"""``manage.py export_mizan_ir [--format kdl|json] [-o FILE]``: the runtime IR.

Byte-identical to ``mizan ir`` (the static extractor) for the same project.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mizan_core.ir import dumps_json, dumps_kdl
from mizan_django.export import runtime_ir


class Command(BaseCommand):
    help = "Print the Mizan IR of the registered server functions, forms and channels."
    requires_system_checks = ()  # exporting must work while checks still fail

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=("kdl", "json"), default="kdl")
        parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        ir = runtime_ir()
        text = dumps_kdl(ir) if options["format"] == "kdl" else dumps_json(ir)
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
