"""``manage.py export_mizan_ir [--format kdl|json|openapi|manifest] [--base PATH] [-o FILE]``:
the runtime IR, or a document derived from it.

Byte-identical to ``mizan ir`` (the static extractor) for the same project.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mizan_core.export import BASE_HELP, DEFAULT_BASE, IR_FORMATS, render_ir
from mizan_django.export import runtime_ir


class Command(BaseCommand):
    help = "Print the Mizan IR of the registered server functions, forms and channels."
    requires_system_checks = ()  # exporting must work while checks still fail

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=IR_FORMATS, default="kdl")
        parser.add_argument("--base", default=DEFAULT_BASE, metavar="PATH", help=BASE_HELP)
        parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        ir = runtime_ir()
        try:
            text = render_ir(ir, options["format"], options["base"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
