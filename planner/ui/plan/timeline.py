"""The timeline tab: the plan's steps (or phases) as bars on a date axis, scrollable."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from planner.charts import TimelineBar, paint_timeline, phase_bars, step_bars, timeline_height
from planner.planning.model import Plan
from planner.ui.theme import chart_palette

MIN_WIDTH_CHARS = 70  # narrower than this, the step labels and the months crowd each other


class TimelineChart(QWidget):
    """planner.charts.paint_timeline in a widget as tall as its bars need."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[TimelineBar] = []
        self._today: date | None = None
        self.setAccessibleName("Plan timeline")
        # As tall as the bars need at least; taller when the view is, so that the chart's
        # background fills the view.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    @property
    def bars(self) -> list[TimelineBar]:
        return self._bars

    def set_bars(self, bars: Sequence[TimelineBar], today: date | None) -> None:
        self._bars, self._today = list(bars), today
        self.setAccessibleDescription(
            "; ".join(f"{b.label}: {b.start.isoformat()} to {b.end.isoformat()}" for b in bars)
        )
        self.setMinimumHeight(self.sizeHint().height())
        self.updateGeometry()
        self.update()

    def _margin(self) -> int:
        return self.fontMetrics().height() // 2

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        height = timeline_height(len(self._bars), line) + 2 * self._margin()
        return QSize(self.minimumSizeHint().width(), int(height))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * MIN_WIDTH_CHARS, 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = chart_palette()
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor(palette.background))
            m = self._margin()
            area = QRectF(m, m, self.width() - 2 * m, self.sizeHint().height() - 2 * m)
            paint_timeline(painter, area, self._bars, palette, today=self._today)
        finally:
            painter.end()


class TimelineTab(QWidget):
    """A choice of step bars or phase bars above the scrollable chart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan: Plan | None = None
        self._today: date | None = None
        self._stages: list[str] = []
        self.by_step = QRadioButton("Every &step")
        self.by_step.setToolTip("One bar per step")
        self.by_phase = QRadioButton("By p&hase")
        self.by_phase.setToolTip("One bar per phase")
        self.by_step.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_step)
        group.addButton(self.by_phase)
        group.buttonToggled.connect(lambda _b, on: on and self._redraw())
        self.stages = QLabel()
        self.stages.setWordWrap(True)
        self.stages.setTextFormat(Qt.TextFormat.PlainText)  # role titles are not markup

        self.chart = TimelineChart()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll.setWidget(self.chart)
        self.scroll.setAccessibleName("Timeline")

        choice = QHBoxLayout()
        choice.addWidget(QLabel("Show:"))
        choice.addWidget(self.by_step)
        choice.addWidget(self.by_phase)
        choice.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(choice)
        layout.addWidget(self.stages)
        layout.addWidget(self.scroll, 1)

    def set_plan(self, plan: Plan | None, stage_titles: Sequence[str], today: date) -> None:
        self._plan, self._today, self._stages = plan, today, list(stage_titles)
        routed = len(self._stages) > 1
        self.stages.setVisible(routed)
        if routed:
            self.stages.setText(
                "  ·  ".join(f"Stage {n}: {t}" for n, t in enumerate(self._stages, start=1))
            )
        self._redraw()

    def _redraw(self) -> None:
        plan = self._plan
        if plan is None:
            self.chart.set_bars([], self._today)
            return
        bars = phase_bars(plan) if self.by_phase.isChecked() else step_bars(plan)
        self.chart.set_bars(bars, self._today)
