"""The progress chart with more points than pixel columns: drawn by column, every value still
on the line, the dots thinned so they do not pile up; a sparse history drawn point by point."""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import pairwise

import pytest
from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from planner.charts import ChartPalette
from planner.charts.progress import (
    ProgressPoint,
    _columns,
    _dots,
    _segments,
    paint_progress_chart,
)

pytestmark = pytest.mark.usefixtures("qapp")

TODAY = date(2026, 11, 23)
FIRST = date(2016, 11, 1)
SPAN = (TODAY - FIRST).days


def _ten_years(seed: int = 4) -> list[ProgressPoint]:
    rng = random.Random(seed)
    points, value = [], 40.0
    for n in range(SPAN):
        value = min(100.0, max(0.0, value + rng.uniform(-6, 6)))
        points.append((FIRST + timedelta(days=n), round(value, 1)))
    return points


def _x(day: date, width: float = 800.0) -> float:
    return width * (day - FIRST).days / SPAN


def _y(percent: float) -> float:
    return 300.0 - 3.0 * percent


def _ends(line: QLineF) -> frozenset[tuple[float, float]]:
    return frozenset({(line.x1(), line.y1()), (line.x2(), line.y2())})


def _on(line: QLineF, x: float, y: float) -> bool:
    low_x, high_x = sorted((line.x1(), line.x2()))
    low_y, high_y = sorted((line.y1(), line.y2()))
    return low_x - 1e-9 <= x <= high_x + 1e-9 and low_y - 1e-9 <= y <= high_y + 1e-9


def test_every_value_of_a_dense_history_is_on_the_line_drawn_by_columns() -> None:
    points = _ten_years()
    columns = _columns(points, _x, _y, 1.0)
    lines = _segments(columns)
    assert len(columns) <= 801 and len(lines) <= 2 * len(columns)
    by_column = {int(c[0]): c for c in columns}
    near: dict[int, list[QLineF]] = {}  # lines by the pixel columns they touch
    for line in lines:
        for column in range(int(min(line.x1(), line.x2())), int(max(line.x1(), line.x2())) + 1):
            near.setdefault(column, []).append(line)
    for day, percent in points:
        x = by_column[int(_x(day))][0]  # the column's x: within a pixel of the day's
        assert abs(x - _x(day)) < 1.0
        assert any(_on(line, x, _y(percent)) for line in near[int(x)]), (day, percent)


def test_a_sparse_history_is_the_stepped_line_through_every_point() -> None:
    points = [(FIRST + timedelta(days=300 * n), float(10 * n % 70)) for n in range(12)]
    lines = _segments(_columns(points, _x, _y, 1.0))
    expected = []
    for (before_day, before), (day, percent) in pairwise(points):
        expected.append((_x(before_day), _y(before), _x(day), _y(before)))
        if percent != before:
            expected.append((_x(day), _y(before), _x(day), _y(percent)))
    assert [_ends(line) for line in lines] == [_ends(QLineF(*e)) for e in expected]


def test_dots_mark_every_point_with_room_and_thin_out_where_they_crowd() -> None:
    sparse = [(FIRST + timedelta(days=100 * n), 50.0) for n in range(30)]
    assert len(_dots(sparse, _x, _y, 8.0)) == len(sparse)  # 21 px apart
    dense = _ten_years()
    dots = _dots(dense, _x, _y, 8.0)
    xs = sorted(x for x, _ in dots)
    assert len(dots) <= 800 / 8 + 1
    assert all(b - a >= 8.0 for a, b in pairwise(xs))
    assert dots[0] == (_x(dense[-1][0]), _y(dense[-1][1]))  # the latest is always marked


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_a_dense_history_paints_its_whole_range(scale: float) -> None:
    """At any device scale (a high-DPI screen, a PDF), the line reaches the history's lowest
    and highest values."""
    palette = ChartPalette.light()
    points = _ten_years(seed=9)
    image = QImage(round(900 * scale), round(320 * scale), QImage.Format.Format_ARGB32)
    image.fill(QColor(palette.background))
    painter = QPainter(image)
    painter.scale(scale, scale)
    paint_progress_chart(painter, QRectF(10, 10, 880, 300), points, palette, today=TODAY)
    painter.end()
    colour = QColor(palette.current).rgb()
    rows = [
        y
        for y in range(image.height())
        if any(image.pixel(x, y) == colour for x in range(image.width()))
    ]
    low, high = min(p for _, p in points), max(p for _, p in points)
    assert low < 15 and high > 85  # the history does swing that far
    # The plot spans most of the 300-unit height: 0 % near the bottom, 100 % near the top.
    span = (max(rows) - min(rows)) / scale
    assert span > 0.6 * 300 * (high - low) / 100
