"""Progress over time: readiness (0–100 %) on a date axis, one point per day it changed."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen

from planner.charts._text import derived_font, draw_text, line_height
from planner.charts._text import text_width as _width
from planner.charts.gauge import percent_text
from planner.charts.model import ChartPalette

ProgressPoint = tuple[date, float]

# In line heights of the painter's font.
PREFERRED_LINES = 13.0
AXIS_LINES = 2.4  # under the plot: tick labels, and the year under them
TOP_LINES = 1.4  # above the plot: room for the label of the latest value
PERCENT_TICKS = (0, 25, 50, 75, 100)
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SHORT_SPAN_DAYS = 62  # shorter histories get a day axis, longer ones a month axis
DAY_STEPS = (1, 2, 7, 14, 28)
MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)


def progress_chart_height(line: float) -> float:
    """The height the chart looks best at, for a font of line height ``line``."""
    return line * PREFERRED_LINES


def progress_span(points: Sequence[ProgressPoint], today: date | None = None) -> tuple[date, date]:
    """The date axis that shows every point (and ``today``): whole days around a short
    history, whole months around a long one."""
    days = [d for d, _ in points] + ([today] if today is not None else [])
    if not days:
        days = [date.today()]
    first, last = min(days), max(days)
    if (last - first).days < SHORT_SPAN_DAYS:
        pad = max(1, (last - first).days // 10)
        return first - timedelta(days=pad), last + timedelta(days=pad)
    return first.replace(day=1), _add_months(last.replace(day=1), 1)


def paint_progress_chart(
    painter: QPainter,
    rect: QRectF,
    points: Sequence[ProgressPoint],
    palette: ChartPalette,
    *,
    today: date | None = None,
    axis: tuple[date, date] | None = None,
    empty_text: str = "No ratings yet",
) -> None:
    """Draw readiness over time into ``rect``.

    The line holds each value until the next point (readiness stays where it is between
    ratings), and runs dashed on to ``today`` when that is after the last point. ``axis``
    fixes the date range; points outside it are clipped.
    """
    painter.save()
    try:
        ordered = sorted(points)
        _paint(painter, rect, ordered, palette, today, axis or progress_span(ordered, today))
        if not ordered:
            draw_text(
                painter,
                rect,
                empty_text,
                font=derived_font(painter.font(), 1.0, italic=True),
                color=palette.muted,
                align=Qt.AlignmentFlag.AlignHCenter,
            )
    finally:
        painter.restore()


def _paint(
    painter: QPainter,
    rect: QRectF,
    points: Sequence[ProgressPoint],
    palette: ChartPalette,
    today: date | None,
    axis: tuple[date, date],
) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    base = painter.font()
    unit = line_height(painter)
    small = derived_font(base, 0.85)
    label_w = _width(painter, small, "100 %") + unit * 0.6
    plot = QRectF(
        rect.left() + label_w,
        rect.top() + unit * TOP_LINES,
        max(0.0, rect.width() - label_w - unit * 0.8),
        max(0.0, rect.height() - unit * (TOP_LINES + AXIS_LINES)),
    )
    first, last = axis
    span = max(1, (last - first).days)
    # Plain numbers, not QRectF calls: these run for every point of a long history.
    plot_left, plot_width = plot.left(), plot.width()
    plot_bottom, plot_height = plot.bottom(), plot.height()

    def x_of(day: date) -> float:
        return plot_left + plot_width * (day - first).days / span

    def y_of(percent: float) -> float:
        return plot_bottom - plot_height * max(0.0, min(100.0, percent)) / 100.0

    grid = QPen(QColor(palette.grid), max(unit * 0.04, 0.5))
    for tick in PERCENT_TICKS:
        y = y_of(tick)
        painter.setPen(grid)
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        draw_text(
            painter,
            QRectF(rect.left(), y - unit / 2, label_w - unit * 0.4, unit),
            f"{tick} %",
            font=small,
            color=palette.muted,
            align=Qt.AlignmentFlag.AlignRight,
            elide=False,
        )
    _date_axis(painter, plot, x_of, first, last, unit, small, palette)

    if today is not None and first <= today <= last:
        pen = QPen(QColor(palette.today), max(unit * 0.08, 2.0))
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        x = x_of(today)
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        bold_small = derived_font(base, 0.85, bold=True)
        w = _width(painter, bold_small, "Today") + unit * 0.3
        left = x - w - unit * 0.1 if x + w > plot.right() else x + unit * 0.15
        draw_text(
            painter,
            QRectF(left, plot.top() - unit * 1.1, w, unit),
            "Today",
            font=bold_small,
            color=palette.today,
            align=Qt.AlignmentFlag.AlignRight if left < x else Qt.AlignmentFlag.AlignLeft,
            elide=False,
        )

    visible = [(d, p) for d, p in points if first <= d <= last]
    if not visible:
        return
    painter.save()
    painter.setClipRect(plot.adjusted(-unit, -unit * TOP_LINES, unit, unit * 0.2))
    _series(painter, plot, visible, x_of, y_of, today, unit, palette)
    painter.restore()

    # The latest value, written above its point so the reader need not follow the grid.
    day, percent = visible[-1]
    text = percent_text(percent)
    bold = derived_font(base, 1.0, bold=True)
    w = _width(painter, bold, text) + unit * 0.4
    x = min(max(x_of(day) - w / 2, plot.left()), plot.right() - w)
    y = max(y_of(percent) - unit * 1.35, rect.top())
    draw_text(
        painter,
        QRectF(x, y, w, unit),
        text,
        font=bold,
        color=palette.text,
        align=Qt.AlignmentFlag.AlignHCenter,
        elide=False,
    )


def _series(
    painter: QPainter,
    plot: QRectF,
    points: Sequence[ProgressPoint],
    x_of: Callable[[date], float],
    y_of: Callable[[float], float],
    today: date | None,
    unit: float,
    palette: ChartPalette,
) -> None:
    columns = _columns(points, x_of, y_of, _pixels_per_unit(painter))
    end_day, end_percent = points[-1]
    end_x = x_of(end_day)

    area = QPainterPath()
    area.moveTo(columns[0][0], columns[0][1])
    held = columns[0][1]
    for x, _, _, _, last in columns:
        area.lineTo(x, held)  # held until the day it changed
        area.lineTo(x, last)
        held = last
    area.lineTo(end_x, plot.bottom())
    area.lineTo(x_of(points[0][0]), plot.bottom())
    area.closeSubpath()
    fill = QColor(palette.current)
    fill.setAlphaF(0.16)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(fill))
    painter.drawPath(area)

    colour = QColor(palette.current)
    pen = QPen(colour, unit * 0.14)
    # Separate segments with round caps look like one line with round joins, and are
    # stroked many times faster (a path of thousands of tiny steps took 40 ms).
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(pen)
    painter.drawLines(_segments(columns))
    if today is not None and today > end_day:
        dashed = QPen(colour, unit * 0.1)
        dashed.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(dashed)
        painter.drawLine(QPointF(end_x, y_of(end_percent)), QPointF(x_of(today), y_of(end_percent)))

    radius = unit * 0.22
    painter.setPen(QPen(QColor(palette.background), unit * 0.06))
    painter.setBrush(QBrush(colour))
    for x, y in _dots(points, x_of, y_of, 2 * radius):
        painter.drawEllipse(QPointF(x, y), radius, radius)


# The points that fall in one pixel column: (x of the first, y of the first, top y, bottom y,
# y of the last), in the painter's coordinates.
_Column = tuple[float, float, float, float, float]


def _pixels_per_unit(painter: QPainter) -> float:
    """Device pixels per unit of x (1 on a plain widget, more on a high-DPI screen or a
    high-resolution PDF)."""
    return max(abs(painter.deviceTransform().m11()), 1e-6)


def _columns(
    points: Sequence[ProgressPoint],
    x_of: Callable[[date], float],
    y_of: Callable[[float], float],
    per_unit: float,
) -> list[_Column]:
    """The points gathered by the pixel column they fall in: ten years of daily points are
    more than a chart has columns, and within one column the stepped line through them all
    is a vertical stroke over the values it passes."""
    columns: list[_Column] = []
    key: int | None = None
    for day, percent in points:
        x, y = x_of(day), y_of(percent)
        column = math.floor(x * per_unit)
        if column == key:
            start, first, top, bottom, _ = columns[-1]
            columns[-1] = (start, first, min(top, y), max(bottom, y), y)
        else:
            columns.append((x, y, y, y, y))
            key = column
    return columns


def _segments(columns: Sequence[_Column]) -> list[QLineF]:
    """The stepped line: each value held across to the next column, then a vertical stroke
    over everything that column passes through (from the value held, by its values)."""
    x, _, top, bottom, held = columns[0]
    lines = [QLineF(x, top, x, bottom)] if top != bottom else []
    for next_x, _, top, bottom, last in columns[1:]:
        lines.append(QLineF(x, held, next_x, held))
        high, low = min(top, held), max(bottom, held)
        if high != low:
            lines.append(QLineF(next_x, high, next_x, low))
        x, held = next_x, last
    return lines


def _dots(
    points: Sequence[ProgressPoint],
    x_of: Callable[[date], float],
    y_of: Callable[[float], float],
    spacing: float,
) -> list[tuple[float, float]]:
    """Where to mark a point: every point while they are at least ``spacing`` apart; where
    they crowd closer, one per ``spacing`` counted back from the latest (always marked)."""
    dots: list[tuple[float, float]] = []
    previous = math.inf
    for day, percent in reversed(points):
        x = x_of(day)
        if previous - x >= spacing or not dots:
            dots.append((x, y_of(percent)))
            previous = x
    return dots


def _date_axis(
    painter: QPainter,
    plot: QRectF,
    x_of: Callable[[date], float],
    first: date,
    last: date,
    unit: float,
    small: QFont,
    palette: ChartPalette,
) -> None:
    """Ticks under the plot: days (``21 Nov``) for a short axis, months for a long one, as
    sparse as the labels need; the year under the first tick and under every January."""
    painter.setPen(QPen(QColor(palette.grid), max(unit * 0.06, 0.5)))
    painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
    span = max(1, (last - first).days)
    if span <= SHORT_SPAN_DAYS + 20:
        ticks, labels = _day_ticks(painter, plot, first, last, unit, small)
    else:
        ticks, labels = _month_ticks(painter, plot, first, last, unit, small)
    years_shown = any(label.isdigit() for label in labels)
    previous_year: int | None = None
    for day, label in zip(ticks, labels, strict=True):
        x = x_of(day)
        painter.setPen(QPen(QColor(palette.grid), max(unit * 0.04, 0.5)))
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + unit * 0.3))
        w = _width(painter, small, label) + unit * 0.4
        left = min(max(x - w / 2, plot.left() - unit), plot.right() + unit * 0.8 - w)
        top = plot.bottom() + unit * 0.35
        draw_text(
            painter,
            QRectF(left, top, w, unit),
            label,
            font=small,
            color=palette.muted,
            align=Qt.AlignmentFlag.AlignHCenter,
            elide=False,
        )
        if day.year != previous_year and not years_shown:
            year = str(day.year)
            yw = _width(painter, small, year) + unit * 0.4
            yl = min(max(x - yw / 2, plot.left() - unit), plot.right() + unit * 0.8 - yw)
            draw_text(
                painter,
                QRectF(yl, top + unit * 0.95, yw, unit),
                year,
                font=small,
                color=palette.muted,
                align=Qt.AlignmentFlag.AlignHCenter,
                elide=False,
            )
            previous_year = day.year


def _fits(painter: QPainter, plot: QRectF, count: int, widest: float, unit: float) -> bool:
    return count <= 1 or plot.width() / count >= widest + unit * 0.8


def _day_ticks(
    painter: QPainter, plot: QRectF, first: date, last: date, unit: float, small: QFont
) -> tuple[list[date], list[str]]:
    widest = _width(painter, small, "30 May")
    days = (last - first).days
    step = next(
        (s for s in DAY_STEPS if _fits(painter, plot, days // s + 1, widest, unit)),
        max(days, 1),
    )
    ticks = [first + timedelta(days=i) for i in range(0, days + 1, step)]
    return ticks, [f"{d.day} {MONTH_NAMES[d.month - 1]}" for d in ticks]


def _month_ticks(
    painter: QPainter, plot: QRectF, first: date, last: date, unit: float, small: QFont
) -> tuple[list[date], list[str]]:
    widest = _width(painter, small, "May")
    start = first if first.day == 1 else _add_months(first.replace(day=1), 1)
    months = (last.year - start.year) * 12 + last.month - start.month
    step = next(
        (s for s in MONTH_STEPS if _fits(painter, plot, months // s + 1, widest, unit)),
        MONTH_STEPS[-1],
    )
    # Steps of a quarter or more start on a month that divides the year evenly.
    day = start
    while step in (3, 6, 12) and (day.month - 1) % step:
        day = _add_months(day, 1)
    ticks = []
    while day <= last:
        ticks.append(day)
        day = _add_months(day, step)
    if step >= 12:
        return ticks, [str(d.year) for d in ticks]
    return ticks, [MONTH_NAMES[d.month - 1] for d in ticks]


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
