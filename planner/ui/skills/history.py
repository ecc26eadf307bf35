"""A skill's detail beside the table: its catalog description and its rating history, as a
small step chart and as a list of dated ratings."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from planner.catalog.scale import LEVEL_NAMES, MAX_LEVEL, level_label
from planner.errors import PlannerError
from planner.services import skills
from planner.ui.context import UiContext
from planner.ui.skills.model import local_time
from planner.ui.theme import chart_palette

History = list[tuple[datetime, int]]


class HistoryChart(QWidget):
    """Level over time as a step line: each rating holds until the next one, the last until
    today. Sizes come from the font, so it reads the same at any DPI."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: History = []
        self._today = date.today()
        self.setAccessibleName("Rating history chart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_history(self, points: History, today: date) -> None:
        self._points = [(local_time(when), level) for when, level in points]
        self._today = today
        if points:
            steps = ", ".join(f"{w:%Y-%m-%d} {level_label(lv)}" for w, lv in self._points)
            self.setAccessibleDescription(f"Ratings: {steps}")
        else:
            self.setAccessibleDescription("No ratings")
        self.update()

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 16, line * 9)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = chart_palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        line = fm.height()
        label_width = max(fm.horizontalAdvance(f"{lv} ") for lv in range(MAX_LEVEL + 1))
        # Room on the left for the level numbers and below for the dates.
        area = QRectF(self.rect()).adjusted(
            label_width + line * 0.5, line * 0.5, -line * 0.75, -line * 1.5
        )
        painter.fillRect(self.rect(), QColor(palette.background))

        def y_of(level: int) -> float:
            return area.bottom() - area.height() * level / MAX_LEVEL

        painter.setFont(self.font())
        for level in range(MAX_LEVEL + 1):
            y = y_of(level)
            painter.setPen(QPen(QColor(palette.grid), 1))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(QColor(palette.muted))
            painter.drawText(
                QRectF(0, y - line / 2, label_width, line),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                str(level),
            )
        if not self._points:
            painter.setPen(QColor(palette.muted))
            painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter), "No ratings yet")
            return
        xs = self._x_positions(area)
        painter.setPen(QColor(palette.muted))
        dates = QRectF(area.left(), area.bottom() + line * 0.4, area.width(), line)
        painter.drawText(dates, int(Qt.AlignmentFlag.AlignLeft), f"{self._points[0][0]:%Y-%m-%d}")
        painter.drawText(dates, int(Qt.AlignmentFlag.AlignRight), "today")
        path = QPainterPath(QPointF(xs[0], y_of(self._points[0][1])))
        for i, (_, level) in enumerate(self._points):
            path.lineTo(QPointF(xs[i], y_of(level)))
            path.lineTo(QPointF(xs[i + 1], y_of(level)))
        painter.setPen(QPen(QColor(palette.current), max(2.0, line / 8)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.setBrush(QColor(palette.current))
        radius = max(3.0, line / 5)
        for i, (_, level) in enumerate(self._points):
            painter.drawEllipse(QPointF(xs[i], y_of(level)), radius, radius)

    def _x_positions(self, area: QRectF) -> list[float]:
        """The x of each rating, then of today. By time when the ratings span more than a
        day; evenly spaced when they were all made the same day."""
        end = max(
            datetime.combine(self._today, time(23, 59), tzinfo=self._points[-1][0].tzinfo),
            self._points[-1][0],
        )
        stamps = [when.timestamp() for when, _ in self._points] + [end.timestamp()]
        first, last = stamps[0], stamps[-1]
        n = len(self._points)
        if last - first < 86400:
            return [area.left() + area.width() * i / n for i in range(n + 1)]
        return [area.left() + area.width() * (s - first) / (last - first) for s in stamps]


class SkillDetail(QWidget):
    """What the catalog says about the selected skill, and how its rating went."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._skill_id: str | None = None
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.category = QLabel()
        self.category.setTextFormat(Qt.TextFormat.PlainText)
        self.category.setWordWrap(True)  # long alias lists must not widen the panel
        self.category.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.description = QLabel()
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.description.setAccessibleName("Skill description")
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chart = HistoryChart()
        self.history = QListWidget()
        self.history.setAccessibleName("Rating history")
        self.history.setToolTip("Every rating of this skill, newest first")
        history_label = QLabel("&Rating history")
        history_label.setBuddy(self.history)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.category)
        layout.addWidget(self.description)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(history_label)
        layout.addWidget(self.chart)
        layout.addWidget(self.history, 1)
        self.show_skill(None)

    @property
    def skill_id(self) -> str | None:
        return self._skill_id

    def show_skill(self, skill_id: str | None) -> None:
        self._skill_id = skill_id
        self.refresh()

    def refresh(self) -> None:
        skill = self._ctx.ws.catalog.skills.get(self._skill_id or "")
        self.history.clear()
        if self._skill_id is None:
            self.title.setText("No skill selected")
            self.category.setText("")
            self.description.setText(
                "Select a skill in the table to see what it covers and how your rating of it "
                "has changed."
            )
            self.chart.set_history([], self._ctx.ws.today())
            return
        if skill is None:  # rated once, since dropped from the catalog
            self.title.setText(self._skill_id)
            self.category.setText("")
            self.description.setText("This skill is no longer in the catalog.")
            self.chart.set_history([], self._ctx.ws.today())
            return
        self.title.setText(skill.name)
        category = self._ctx.ws.catalog.category_name(skill.category)
        aliases = f" · also called {', '.join(skill.aliases)}" if skill.aliases else ""
        self.category.setText(category + aliases)
        self.description.setText(skill.description)
        try:
            points = skills.skill_history(self._ctx.ws, skill=skill.id)
        except PlannerError:
            points = []
        self.chart.set_history(points, self._ctx.ws.today())
        for when, level in reversed(points):
            stamp = local_time(when).strftime("%Y-%m-%d %H:%M")
            self.history.addItem(f"{stamp}   {level} {LEVEL_NAMES[level]}")

    def entries(self) -> list[str]:
        """The history list as shown, newest first."""
        return [self.history.item(i).text() for i in range(self.history.count())]
