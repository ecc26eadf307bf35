"""The plain data the charts draw: rows, bars and a palette, free of any plan or widget."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, NamedTuple

from planner.catalog.scale import MAX_LEVEL


@dataclass(frozen=True)
class GapRow:
    """One requirement of a role: where the person is against what the role asks."""

    label: str
    current: int
    required: int
    importance: Literal["required", "preferred"] = "required"

    @property
    def met(self) -> bool:
        return self.current >= self.required

    def __post_init__(self) -> None:
        if not (0 <= self.current <= MAX_LEVEL and 0 <= self.required <= MAX_LEVEL):
            raise ValueError(f"levels must be 0..{MAX_LEVEL}: {self}")


class TimelineBar(NamedTuple):
    """One bar of the timeline: a step or a phase, from ``start`` through ``end`` inclusive.

    ``color_index`` picks a colour from ``ChartPalette.series`` (the phase, usually) and
    ``category`` is the name the legend gives that colour.
    """

    label: str
    start: date
    end: date
    color_index: int = 0
    category: str = ""
    done: bool = False
    milestone: bool = False


class ChartPalette(NamedTuple):
    """Colours as ``#rrggbb`` strings, so a palette stays plain, immutable data."""

    background: str
    text: str
    muted: str
    grid: str
    track: str
    current: str
    met: str
    short: str
    required: str
    preferred: str
    done: str
    today: str
    gauge_low: str
    gauge_mid: str
    gauge_high: str
    series: tuple[str, ...]

    @classmethod
    def light(cls) -> ChartPalette:
        return cls(
            background="#ffffff",
            text="#1f2328",
            muted="#59636e",
            grid="#d0d7de",
            track="#eef1f4",
            current="#2f6fb3",
            met="#2e8b57",
            short="#f6d5d1",
            required="#b3261e",
            preferred="#7a5bb5",
            done="#9aa4ae",
            today="#d9822b",
            gauge_low="#c0392b",
            gauge_mid="#d9822b",
            gauge_high="#2e8b57",
            # Foundations, core, specialisation, certification, readiness: distinct in print
            # and for the common colour-vision deficiencies (Okabe–Ito based).
            series=("#0072b2", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#d55e00"),
        )

    @classmethod
    def dark(cls) -> ChartPalette:
        return cls(
            background="#1e2227",
            text="#e6edf3",
            muted="#9da7b3",
            grid="#3d444d",
            track="#2b3138",
            current="#58a6ff",
            met="#3fb950",
            short="#5c2b29",
            required="#ff7b72",
            preferred="#d2a8ff",
            done="#6e7681",
            today="#f0883e",
            gauge_low="#ff7b72",
            gauge_mid="#f0883e",
            gauge_high="#3fb950",
            series=("#4ea8de", "#33c29a", "#e39ac6", "#f2b233", "#8fd3f7", "#f07c3e"),
        )
