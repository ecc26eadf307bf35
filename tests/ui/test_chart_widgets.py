"""The chart widgets paint with the shared chart code, in light and dark, at any size."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner.charts import ChartPalette, GapRow, TimelineBar
from planner.ui.theme import apply_theme
from planner.ui.widgets import GapChartWidget, GaugeWidget, ProgressChartWidget, TimelineWidget
from planner.ui.widgets.charts import ChartWidget

ROWS = [
    GapRow("Python", 3, 4),
    GapRow("Kubernetes", 3, 3),
    GapRow("System design", 1, 5),
    GapRow("Business acumen", 0, 2, "preferred"),
]
BARS = [
    TimelineBar("1. Python", date(2026, 11, 1), date(2026, 12, 10), 0, "Foundations", done=True),
    TimelineBar("2. Kubernetes", date(2026, 12, 11), date(2027, 2, 1), 1, "Core skills"),
    TimelineBar("3. Ready", date(2027, 2, 2), date(2027, 2, 2), 4, "Readiness", milestone=True),
]
POINTS = [(date(2026, 2, 3), 24.0), (date(2026, 6, 20), 38.1), (date(2026, 11, 2), 55.3)]
TODAY = date(2026, 11, 23)


def _widgets(qtbot: QtBot) -> list[ChartWidget]:
    gauge = GaugeWidget()
    gauge.set_value(55.3)
    gap = GapChartWidget()
    gap.set_rows(ROWS)
    timeline = TimelineWidget()
    timeline.set_bars(BARS, today=TODAY)
    progress = ProgressChartWidget()
    progress.set_points(POINTS, today=TODAY)
    widgets: list[ChartWidget] = [gauge, gap, timeline, progress]
    for widget in widgets:
        qtbot.addWidget(widget)
        widget.resize(widget.sizeHint())
    return widgets


def _grab(widget: ChartWidget) -> QImage:
    image = QImage(widget.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("#808080"))
    widget.render(image, QPoint(0, 0))
    return image


def _colours(image: QImage) -> set[int]:
    return {image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(image.height())}


@pytest.mark.parametrize("palette", [ChartPalette.light(), ChartPalette.dark()])
def test_each_widget_paints_its_chart(qtbot: QtBot, palette: ChartPalette) -> None:
    for widget in _widgets(qtbot):
        widget.set_chart_palette(palette)
        colours = _colours(_grab(widget))
        assert QColor(palette.background).rgb() in colours, type(widget).__name__
        assert QColor("#808080").rgb() not in colours  # the panel covers the whole widget
        assert len(colours) > 8, type(widget).__name__  # a chart, not a blank panel


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.usefixtures("restore_theme")
def test_widgets_follow_the_window_theme(qtbot: QtBot, qapp: QApplication, theme: str) -> None:
    apply_theme(qapp, theme)
    expected = ChartPalette.dark() if theme == "dark" else ChartPalette.light()
    for widget in _widgets(qtbot):
        assert widget.chart_palette() == expected
        assert QColor(expected.background).rgb() in _colours(_grab(widget))


def test_gauge_keeps_its_value_in_range_and_says_it(qtbot: QtBot) -> None:
    gauge = GaugeWidget()
    qtbot.addWidget(gauge)
    gauge.set_value(140.0)
    assert gauge.value() == 100.0
    gauge.set_value(42.0, "ready for Architect")
    assert gauge.value() == 42.0
    assert gauge.accessibleDescription() == "42 % ready for Architect"
    assert gauge.accessibleName() == "Readiness gauge"


def test_gap_chart_asks_for_room_per_row(qtbot: QtBot) -> None:
    gap = GapChartWidget()
    compact = GapChartWidget(row_lines=1.2)
    qtbot.addWidget(gap)
    qtbot.addWidget(compact)
    gap.set_rows(ROWS[:1])
    short = gap.sizeHint().height()
    gap.set_rows(ROWS)
    compact.set_rows(ROWS)
    assert gap.sizeHint().height() > short
    assert compact.sizeHint().height() < gap.sizeHint().height()
    assert gap.rows() == tuple(ROWS)
    assert "1 of 4 skill requirements met" in gap.accessibleDescription()


def test_empty_and_tiny_widgets_paint(qtbot: QtBot) -> None:
    widgets: list[ChartWidget] = [
        GaugeWidget(),
        GapChartWidget(),
        TimelineWidget(),
        ProgressChartWidget(),
    ]
    for widget in widgets:
        qtbot.addWidget(widget)
        for size in ((400, 300), (12, 8)):
            widget.resize(*size)
            _grab(widget)
        assert widget.minimumSizeHint().height() <= widget.sizeHint().height()


def test_progress_widget_keeps_its_points(qtbot: QtBot) -> None:
    widget = ProgressChartWidget()
    qtbot.addWidget(widget)
    widget.set_points([])
    assert widget.accessibleDescription() == "No ratings yet"
    widget.set_points(POINTS, today=TODAY)
    assert widget.points() == tuple(POINTS)
    assert "2026-11-02: 55.3 %" in widget.accessibleDescription()
