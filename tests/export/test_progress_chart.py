"""The progress-over-time chart: paints on any device, light and dark, at any size."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from planner.charts import ChartPalette
from planner.charts.progress import (
    ProgressPoint,
    paint_progress_chart,
    progress_chart_height,
    progress_span,
)

pytestmark = pytest.mark.usefixtures("qapp")

TODAY = date(2026, 11, 23)
HISTORY = [
    (date(2026, 2, 3), 24.0),
    (date(2026, 3, 17), 29.5),
    (date(2026, 6, 20), 38.1),
    (date(2026, 11, 2), 55.3),
]


def _render(
    points: Sequence[ProgressPoint],
    palette: ChartPalette,
    width: int = 800,
    height: int = 300,
    **options: object,
) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor(palette.background))
    painter = QPainter(image)
    try:
        rect = QRectF(10, 10, width - 20, height - 20)
        paint_progress_chart(painter, rect, points, palette, **options)  # type: ignore[arg-type]
    finally:
        painter.end()
    return image


def _rows_with(image: QImage, colour: str) -> list[int]:
    """The rows in which the line's colour appears (exactly: the line is opaque)."""
    rgb = QColor(colour).rgb()
    return [
        y
        for y in range(image.height())
        if any(image.pixel(x, y) == rgb for x in range(0, image.width(), 2))
    ]


@pytest.mark.parametrize("palette", [ChartPalette.light(), ChartPalette.dark()])
def test_draws_the_line_grid_and_labels(palette: ChartPalette) -> None:
    image = _render(HISTORY, palette, today=TODAY)
    colours = {image.pixel(x, y) for x in range(800) for y in range(300)}
    assert QColor(palette.background).rgb() in colours
    assert QColor(palette.current).rgb() in colours  # the line and its points
    assert QColor(palette.today).rgb() in colours  # the today marker
    assert len(colours) > 10


def test_higher_readiness_is_drawn_higher() -> None:
    palette = ChartPalette.light()
    days = [date(2026, 1, 1), date(2026, 6, 1)]
    low = _rows_with(_render([(d, 10.0) for d in days], palette), palette.current)
    high = _rows_with(_render([(d, 90.0) for d in days], palette), palette.current)
    assert low and high
    assert sum(high) / len(high) < sum(low) / len(low) - 100


@pytest.mark.parametrize(
    "points",
    [
        [],
        [(TODAY, 42.0)],
        [(TODAY - timedelta(days=3), 10.0), (TODAY, 12.0)],
        [(date(2019, 5, 1), 0.0), (date(2026, 11, 1), 100.0)],  # years: year ticks
        [(date(2026, 1, 1), 150.0), (date(2026, 2, 1), -5.0)],  # out of range: clamped
    ],
)
@pytest.mark.parametrize("size", [(800, 300), (90, 50), (2400, 900)])
def test_any_history_at_any_size_paints(points: list[ProgressPoint], size: tuple[int, int]) -> None:
    for palette in (ChartPalette.light(), ChartPalette.dark()):
        _render(points, palette, *size, today=TODAY)


def test_a_fixed_axis_clips_points_outside_it() -> None:
    palette = ChartPalette.light()
    axis = (date(2030, 1, 1), date(2030, 12, 31))
    image = _render(HISTORY, palette, axis=axis)
    assert _rows_with(image, palette.current) == []


def test_span_is_whole_days_for_a_short_history_and_months_for_a_long_one() -> None:
    first, last = progress_span([(date(2026, 11, 20), 5.0)], today=date(2026, 11, 21))
    assert first < date(2026, 11, 20) and last > date(2026, 11, 21)
    assert progress_span(HISTORY, today=TODAY) == (date(2026, 2, 1), date(2026, 12, 1))
    assert progress_span([], today=TODAY)[0] <= TODAY <= progress_span([], today=TODAY)[1]


def test_preferred_height_grows_with_the_font() -> None:
    assert progress_chart_height(12.0) < progress_chart_height(20.0)
