"""The one error a malformed IR document raises, whatever went wrong inside."""

from __future__ import annotations

__all__ = ["IRFormatError"]


class IRFormatError(ValueError):
    """A document that is not a valid Mizan IR; `line` is 1-based (0: unknown)."""

    def __init__(self, message: str, line: int = 0) -> None:
        self.message = message
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)
