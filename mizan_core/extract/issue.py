"""A finding of the extractor: a diagnostic code, its message and where it points.

Its own module so that the type resolver and the model builder, which call
each other, can both make one without importing each other at load time.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Issue"]


@dataclass(frozen=True, slots=True)
class Issue:
    code: str
    message: str
    module: str
    span: tuple[int, int, int, int]
