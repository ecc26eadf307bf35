"""A small readiness dial: the shared chart code painted into a widget."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from planner.charts import paint_readiness_gauge, percent_text
from planner.ui.theme import chart_palette


class ReadinessGauge(QWidget):
    def __init__(self, parent: QWidget | None = None, *, lines: float = 5.5) -> None:
        super().__init__(parent)
        self._percent = 0.0
        self._lines = lines
        self.setAccessibleName("Readiness")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    @property
    def percent(self) -> float:
        return self._percent

    def set_percent(self, percent: float) -> None:
        self._percent = percent
        text = f"{percent_text(percent)} ready"
        self.setAccessibleDescription(text)
        self.setToolTip(text)
        self.update()

    def sizeHint(self) -> QSize:
        side = round(self.fontMetrics().height() * self._lines)
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            paint_readiness_gauge(painter, QRectF(self.rect()), self._percent, chart_palette())
        finally:
            painter.end()
