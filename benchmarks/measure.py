"""Timing and the figures' results: repeated samples, their median and spread, the target."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

Statistic = Literal["median", "p95", "ratio", "max"]
Op = Literal["<", "<="]


@dataclass(frozen=True)
class Spread:
    """Summary of samples: median, extremes, quartiles, 95th percentile."""

    n: int
    median: float
    low: float
    high: float
    q1: float
    q3: float
    p95: float

    @classmethod
    def of(cls, samples: list[float]) -> Spread:
        if not samples:
            raise ValueError("no samples")
        ordered = sorted(samples)
        if len(ordered) == 1:
            only = ordered[0]
            return cls(1, only, only, only, only, only, only)
        quartiles = statistics.quantiles(ordered, n=4, method="inclusive")
        p95 = statistics.quantiles(ordered, n=20, method="inclusive")[18]
        return cls(
            len(ordered),
            statistics.median(ordered),
            ordered[0],
            ordered[-1],
            quartiles[0],
            quartiles[2],
            p95,
        )


@dataclass
class Result:
    """One figure of the table: what was measured, the statistic compared, the target."""

    key: str
    title: str
    unit: str  # of the samples: "ms" or "MB"
    samples: list[float]
    statistic: Statistic
    target: float
    op: Op = "<"
    baseline: list[float] = field(default_factory=list)  # the denominator of a ratio
    baseline_label: str = "bare"
    details: dict[str, object] = field(default_factory=dict)

    @property
    def spread(self) -> Spread:
        return Spread.of(self.samples)

    @property
    def value(self) -> float:
        """The number held against the target."""
        spread = self.spread
        if self.statistic == "ratio":
            return spread.median / Spread.of(self.baseline).median
        if self.statistic == "p95":
            return spread.p95
        if self.statistic == "max":
            return spread.high
        return spread.median

    @property
    def passed(self) -> bool:
        return self.value < self.target if self.op == "<" else self.value <= self.target

    def target_text(self) -> str:
        op = "≤" if self.op == "<=" else "<"
        if self.statistic == "ratio":
            return f"ratio {op} {self.target:g}"
        return f"{self.statistic} {op} {self.target:g} {self.unit}"

    def measured_text(self) -> str:
        if self.statistic == "ratio":
            return f"{self.value:.2f}×"
        return f"{self.statistic} {_number(self.value)} {self.unit}"

    def as_json(self) -> dict[str, object]:
        spread = self.spread
        data: dict[str, object] = {
            "key": self.key,
            "title": self.title,
            "unit": self.unit,
            "statistic": self.statistic,
            "value": round(self.value, 4),
            "target": self.target,
            "op": self.op,
            "passed": self.passed,
            "n": spread.n,
            "median": round(spread.median, 4),
            "min": round(spread.low, 4),
            "max": round(spread.high, 4),
            "q1": round(spread.q1, 4),
            "q3": round(spread.q3, 4),
            "p95": round(spread.p95, 4),
            "samples": [round(s, 4) for s in self.samples],
            "details": self.details,
        }
        if self.baseline:
            base = Spread.of(self.baseline)
            data["baseline"] = {
                "label": self.baseline_label,
                "median": round(base.median, 4),
                "min": round(base.low, 4),
                "max": round(base.high, 4),
                "samples": [round(s, 4) for s in self.baseline],
            }
        return data


def _number(value: float) -> str:
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}"


def time_ms(action: Callable[[], object]) -> float:
    """Milliseconds one call of ``action`` takes."""
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000.0


def repeat_ms(
    action: Callable[[], object],
    times: int,
    *,
    warm_up: int = 1,
    at_least: int = 3,
    budget_s: float | None = None,
    cpu: list[float] | None = None,
) -> list[float]:
    """``times`` samples of ``action`` (wall-clock ms) after ``warm_up`` untimed calls.

    With ``budget_s``, stop early once it is spent (but never before ``at_least`` samples): a
    figure far off its target need not be measured thirty times to show it. ``cpu``, when
    given, receives the process CPU time of each sample: on a shared, busy machine it shows
    how much of the wall time was this work and how much was waiting for a core.
    """
    for _ in range(warm_up):
        action()
    gc.collect()  # the warm-up's and earlier figures' garbage is not charged to this one
    samples: list[float] = []
    started = time.perf_counter()
    while len(samples) < times:
        cpu_started = time.process_time()
        samples.append(time_ms(action))
        if cpu is not None:
            cpu.append((time.process_time() - cpu_started) * 1000.0)
        spent = time.perf_counter() - started
        if budget_s is not None and len(samples) >= at_least and spent > budget_s:
            break
    return samples
