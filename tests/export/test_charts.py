"""The charts: converters from the plan, and painting that draws on any paint device."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from planner.charts import (
    ChartPalette,
    GapRow,
    TimelineBar,
    gap_chart_height,
    gap_rows,
    paint_gap_chart,
    paint_readiness_gauge,
    paint_timeline,
    percent_text,
    phase_bars,
    step_bars,
    timeline_height,
    timeline_span,
)
from planner.export.report import PlanReport

pytestmark = pytest.mark.usefixtures("qapp")

Paint = Callable[[QPainter, QRectF, ChartPalette], None]


def _render(paint: Paint, palette: ChartPalette, width: int = 900, height: int = 700) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor(palette.background))
    painter = QPainter(image)
    try:
        paint(painter, QRectF(10, 10, width - 20, height - 20), palette)
    finally:
        painter.end()
    return image


def _colours(image: QImage) -> set[int]:
    return {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }


@pytest.mark.parametrize("palette", [ChartPalette.light(), ChartPalette.dark()])
def test_every_chart_draws_on_both_palettes(report: PlanReport, palette: ChartPalette) -> None:
    rows = gap_rows(report.catalog, report.gap)
    bars = step_bars(report.plan)
    charts: list[Paint] = [
        lambda p, r, pal: paint_gap_chart(p, r, rows, pal),
        lambda p, r, pal: paint_timeline(p, r, bars, pal, today=report.generated_on),
        lambda p, r, pal: paint_readiness_gauge(p, r, report.readiness.percent, pal),
    ]
    for paint in charts:
        image = _render(paint, palette)
        assert QColor(palette.background).rgba() in _colours(image)
        assert len(_colours(image)) > 3  # bars, text and grid, not a blank image


@pytest.mark.parametrize(
    "paint",
    [
        lambda p, r, pal: paint_gap_chart(p, r, [], pal),
        lambda p, r, pal: paint_timeline(p, r, [], pal),
        lambda p, r, pal: paint_readiness_gauge(p, r, 0.0, pal),
        lambda p, r, pal: paint_readiness_gauge(p, r, 100.0, pal),
        lambda p, r, pal: paint_gap_chart(p, r, [GapRow("x" * 300, 5, 1, "preferred")], pal),
    ],
)
def test_empty_and_extreme_inputs_paint_without_error(paint: Paint) -> None:
    _render(paint, ChartPalette.light())
    _render(paint, ChartPalette.light(), 60, 40)  # tiny: squeezed, not crashed


def test_gap_rows_follow_the_gap_required_first(report: PlanReport) -> None:
    rows = gap_rows(report.catalog, report.gap)
    assert len(rows) == len(report.gap.skills)
    importances = [r.importance for r in rows]
    assert importances == sorted(importances, key=lambda i: i != "required")
    python = next(r for r in rows if r.label == "Python")
    assert (python.current, python.required) == (2, 4) and not python.met


def test_step_bars_one_per_step_with_the_plan_dates(report: PlanReport) -> None:
    bars = step_bars(report.plan)
    assert [b.label for b in bars] == [f"{s.position}. {s.title}" for s in report.plan.steps]
    assert all(b.start <= b.end for b in bars)
    assert bars[0].done and not bars[1].done
    assert bars[-1].milestone


def test_phase_bars_span_their_steps(report: PlanReport) -> None:
    bars = phase_bars(report.plan)
    groups = report.plan.by_phase()
    assert len(bars) == len(groups)
    for bar, (_, phase, steps) in zip(bars, groups, strict=True):
        assert bar.label == phase.title
        assert bar.start == min(s.planned_start for s in steps if s.planned_start)
        assert bar.end == max(s.planned_end for s in steps if s.planned_end)


def test_timeline_span_covers_whole_months() -> None:
    bars = [TimelineBar("a", date(2026, 3, 14), date(2026, 12, 2))]
    assert timeline_span(bars) == (date(2026, 3, 1), date(2027, 1, 1))


def test_heights_grow_with_rows() -> None:
    assert gap_chart_height(10, 12.0) < gap_chart_height(20, 12.0)
    assert timeline_height(10, 12.0) < timeline_height(20, 12.0)


@pytest.mark.parametrize(("value", "text"), [(6.6, "6.6 %"), (42.0, "42 %"), (99.96, "100 %")])
def test_percent_text(value: float, text: str) -> None:
    assert percent_text(value) == text


def test_gap_row_rejects_levels_off_the_scale() -> None:
    with pytest.raises(ValueError, match="levels"):
        GapRow("x", 6, 3)
