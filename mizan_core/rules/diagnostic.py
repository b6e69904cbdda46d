"""A finding, positioned the way editors and CI annotations expect."""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import CATALOGUE, Severity

__all__ = ["Diagnostic"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """`line`/`column` are 1-based; the range ends before `end_line`:`end_column`
    (exclusive, also 1-based), so a 3-character name at column 5 ends at 8.
    `file` is the path as the project names it (relative to the config root
    when inside it)."""

    code: str
    message: str
    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    @property
    def severity(self) -> Severity:
        return CATALOGUE[self.code].severity

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.code, self.message)

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "severity": self.severity, "message": self.message,
                "file": self.file, "line": self.line, "column": self.column,
                "end_line": self.end_line, "end_column": self.end_column}
