"""Chart widgets: thin QWidgets that paint with the planner.charts functions the PDF uses.

Each widget is given plain chart data (a percentage, GapRows, TimelineBars, progress points)
and draws it on a panel in the chart palette of the current light or dark theme. Sizes come
from the widget's font, so the charts scale with the system font and the screen's DPI.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QEvent, QRectF, QSize
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from planner.charts import (
    ChartPalette,
    GapRow,
    TimelineBar,
    gap_chart_height,
    paint_gap_chart,
    paint_readiness_gauge,
    paint_timeline,
    percent_text,
    timeline_height,
)
from planner.charts import gap_chart as gap_layout
from planner.charts import timeline as timeline_layout
from planner.charts.progress import (
    ProgressPoint,
    paint_progress_chart,
    progress_chart_height,
)
from planner.ui.theme import chart_palette


class ChartWidget(QWidget):
    """A panel that paints one chart; subclasses implement ``paint_chart``.

    ``set_chart_palette`` fixes the colours (a preview, a test); by default they follow the
    window's light or dark palette whenever the chart is painted.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._palette: ChartPalette | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def chart_palette(self) -> ChartPalette:
        return self._palette or chart_palette()

    def set_chart_palette(self, palette: ChartPalette | None) -> None:
        self._palette = palette
        self.update()

    def line(self) -> float:
        """The chart unit: the line height of the widget's font."""
        return QFontMetricsF(self.font()).height()

    def paint_chart(self, painter: QPainter, rect: QRectF, palette: ChartPalette) -> None:
        raise NotImplementedError

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.chart_palette()
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor(palette.background))
            painter.setFont(self.font())
            margin = self.line() * 0.6
            rect = QRectF(self.rect()).adjusted(margin, margin, -margin, -margin)
            if rect.width() > 0 and rect.height() > 0:
                self.paint_chart(painter, rect, palette)
        finally:
            painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.updateGeometry()
            self.update()
        super().changeEvent(event)


class GaugeWidget(ChartWidget):
    """The readiness dial. ``value()`` is the percentage it shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._percent = 0.0
        self._caption = "ready"
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Readiness gauge")
        self._describe()

    def value(self) -> float:
        return self._percent

    def caption(self) -> str:
        return self._caption

    def set_value(self, percent: float, caption: str = "ready") -> None:
        self._percent = max(0.0, min(100.0, percent))
        self._caption = caption
        self._describe()
        self.update()

    def _describe(self) -> None:
        text = f"{percent_text(self._percent)} {self._caption}"
        self.setAccessibleDescription(text)
        self.setToolTip(text)

    def sizeHint(self) -> QSize:
        side = round(self.line() * 11)
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        side = round(self.line() * 6)
        return QSize(side, side)

    def paint_chart(self, painter: QPainter, rect: QRectF, palette: ChartPalette) -> None:
        paint_readiness_gauge(painter, rect, self._percent, palette, caption=self._caption)


class GapChartWidget(ChartWidget):
    """Current level against the required level, one bar per skill requirement.

    ``row_lines`` sets the height it asks for per row, in lines of its font (the PDF's
    default is roomier than a dashboard with fifty requirements wants).
    """

    def __init__(self, parent: QWidget | None = None, *, row_lines: float | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[GapRow, ...] = ()
        self._row_lines = row_lines or gap_layout.ROW_LINES
        self.setAccessibleName("Gap chart")

    def rows(self) -> tuple[GapRow, ...]:
        return self._rows

    def set_rows(self, rows: Sequence[GapRow]) -> None:
        self._rows = tuple(rows)
        met = sum(1 for r in self._rows if r.met)
        self.setAccessibleDescription(
            f"{met} of {len(self._rows)} skill requirements met. "
            + "; ".join(f"{r.label}: {r.current} of {r.required}" for r in self._rows)
        )
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        line = self.line()
        extra = (self._row_lines - gap_layout.ROW_LINES) * max(len(self._rows), 1) * line
        height = gap_chart_height(len(self._rows), line) + extra + line * 1.2
        return QSize(round(line * 40), round(height))

    def minimumSizeHint(self) -> QSize:
        line = self.line()
        lines = (
            gap_layout.HEADER_LINES
            + gap_layout.MIN_ROW_LINES * max(len(self._rows), 1)
            + gap_layout.LEGEND_LINES
        )
        return QSize(round(line * 20), round(line * (lines + 1.2)))

    def paint_chart(self, painter: QPainter, rect: QRectF, palette: ChartPalette) -> None:
        paint_gap_chart(painter, rect, self._rows, palette)


class TimelineWidget(ChartWidget):
    """Steps or phases as bars on a date axis, with a marker for today."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: tuple[TimelineBar, ...] = ()
        self._axis: tuple[date, date] | None = None
        self._today: date | None = None
        self.setAccessibleName("Plan timeline")

    def bars(self) -> tuple[TimelineBar, ...]:
        return self._bars

    def set_bars(
        self,
        bars: Sequence[TimelineBar],
        *,
        axis: tuple[date, date] | None = None,
        today: date | None = None,
    ) -> None:
        self._bars, self._axis, self._today = tuple(bars), axis, today
        self.setAccessibleDescription(
            "; ".join(f"{b.label}: {b.start} to {b.end}" for b in self._bars)
        )
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        line = self.line()
        return QSize(round(line * 40), round(timeline_height(len(self._bars), line) + line * 1.2))

    def minimumSizeHint(self) -> QSize:
        line = self.line()
        lines = (
            timeline_layout.HEADER_LINES
            + timeline_layout.MIN_ROW_LINES * max(len(self._bars), 1)
            + timeline_layout.LEGEND_LINES
        )
        return QSize(round(line * 20), round(line * (lines + 1.2)))

    def paint_chart(self, painter: QPainter, rect: QRectF, palette: ChartPalette) -> None:
        paint_timeline(painter, rect, self._bars, palette, axis=self._axis, today=self._today)


class ProgressChartWidget(ChartWidget):
    """Readiness over time: one point per day it changed, on a date axis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: tuple[ProgressPoint, ...] = ()
        self._today: date | None = None
        self._empty_text = "No ratings yet"
        self.setAccessibleName("Readiness over time")

    def points(self) -> tuple[ProgressPoint, ...]:
        return self._points

    def set_points(
        self,
        points: Sequence[ProgressPoint],
        *,
        today: date | None = None,
        empty_text: str = "No ratings yet",
    ) -> None:
        self._points, self._today, self._empty_text = tuple(points), today, empty_text
        self.setAccessibleDescription(
            "; ".join(f"{day}: {percent_text(p)}" for day, p in self._points) or empty_text
        )
        self.update()

    def sizeHint(self) -> QSize:
        line = self.line()
        return QSize(round(line * 40), round(progress_chart_height(line) + line * 1.2))

    def minimumSizeHint(self) -> QSize:
        line = self.line()
        return QSize(round(line * 16), round(line * 9))

    def paint_chart(self, painter: QPainter, rect: QRectF, palette: ChartPalette) -> None:
        paint_progress_chart(
            painter, rect, self._points, palette, today=self._today, empty_text=self._empty_text
        )
