"""The TypeScript generator: IR -> one folder of TypeScript for the configured targets.

Data flow: `ProjectIR` -> `render()` (pure: file name -> text, one emitter
per output module) -> `write_output()` (disk) or `diff_output()` (`--check`).
`command.py` is `mizan generate`: configuration -> IR (static extractor or
`manage.py export_mizan_ir`) -> files.
"""

from .command import GenerateError, check_stale, generate, load_ir, run_generate
from .render import render
from .writer import FileChange, WriteResult, diff_output, write_output

__all__ = [
    "FileChange", "GenerateError", "WriteResult", "check_stale", "diff_output", "generate",
    "load_ir", "render", "run_generate", "write_output",
]
