"""The row every benchmark reports, and the table `make bench` prints."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Row", "median_seconds", "print_table"]


@dataclass(frozen=True)
class Row:
    area: str
    what: str
    value: float
    unit: str
    peer: str = ""  # what it is compared with, measured in the same run
    ratio: float | None = None  # value / peer value (or as the row explains)
    target: str = ""
    ok: bool | None = None


def median_seconds(fn: Callable[[], object], repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def print_table(rows: list[Row]) -> None:
    print(f"{'area':<10} {'what':<52} {'value':>12} {'ratio':>8}  {'target':<22} ok")
    for r in rows:
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}x"
        ok = "" if r.ok is None else ("yes" if r.ok else "NO")
        print(f"{r.area:<10} {r.what:<52} {r.value:>9.3f} {r.unit:<3}{ratio:>7}  {r.target:<22} {ok}")
