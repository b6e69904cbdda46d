"""The row every benchmark reports, the table `make bench` prints, and the
one way every benchmark times an A against a B: interleaved rounds.

Timing A five times and then B five times lets a change of load between the
two (another process starting, the CPU's clock moving) read as a difference
between A and B. ``interleaved`` runs one round of every contestant, then the
next round, so each round's A and B share the machine's state; the median of
the rounds is the figure and the range says how far to trust it.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

__all__ = ["Row", "Samples", "interleaved", "median_seconds", "print_table", "timed"]


@dataclass(frozen=True)
class Samples:
    """One contestant's measurements over the rounds (seconds, or the unit timed)."""

    values: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)

    def spread(self, scale: float = 1.0, digits: int = 2) -> str:
        """``[low-high]`` in the row's unit (``scale`` converts: 1000 for ms)."""
        return f"[{self.low * scale:.{digits}f}-{self.high * scale:.{digits}f}]"


def interleaved(contestants: Mapping[str, Callable[[], float]], rounds: int) -> dict[str, Samples]:
    """Run every contestant once per round, in turn; each call returns its own figure."""
    runs: dict[str, list[float]] = {name: [] for name in contestants}
    for _ in range(rounds):
        for name, measure in contestants.items():
            runs[name].append(measure())
    return {name: Samples(tuple(values)) for name, values in runs.items()}


def timed(fn: Callable[[], object]) -> Callable[[], float]:
    """``fn`` as a contestant: each call returns the seconds one call of ``fn`` took."""
    def measure() -> float:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start
    return measure


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
    return interleaved({"only": timed(fn)}, repeat)["only"].median


def print_table(rows: list[Row]) -> None:
    print(f"{'area':<10} {'what':<52} {'value':>12} {'ratio':>8}  {'target':<22} ok")
    for r in rows:
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}x"
        ok = "" if r.ok is None else ("yes" if r.ok else "NO")
        peer = f"  (peer: {r.peer})" if r.peer else ""
        print(f"{r.area:<10} {r.what:<52} {r.value:>9.3f} {r.unit:<3}{ratio:>7}  {r.target:<22} {ok}{peer}")
