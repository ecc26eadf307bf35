"""The plan timeline: one bar per step or phase on a date axis with month ticks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF

from planner.charts._text import LegendEntry, derived_font, draw_text, line_height, swatch_legend
from planner.charts._text import text_width as _width
from planner.charts.model import ChartPalette, TimelineBar

HEADER_LINES = 2.6
ROW_LINES = 1.45
MIN_ROW_LINES = 1.1
LEGEND_LINES = 2.2
MONTH_INITIALS = "JFMAMJJASOND"


def timeline_height(rows: int, line: float) -> float:
    """The height a timeline of ``rows`` bars looks best at, for a font of line height ``line``."""
    return line * (HEADER_LINES + ROW_LINES * max(rows, 1) + LEGEND_LINES)


def timeline_span(bars: Sequence[TimelineBar]) -> tuple[date, date]:
    """The axis that shows every bar: from the first day of the first month to the end of
    the last month."""
    if not bars:
        today = date.today()
        return today.replace(day=1), _next_month(today.replace(day=1))
    first = min(b.start for b in bars)
    last = max(b.end for b in bars)
    return first.replace(day=1), _next_month(last.replace(day=1))


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def paint_timeline(
    painter: QPainter,
    rect: QRectF,
    bars: Sequence[TimelineBar],
    palette: ChartPalette,
    *,
    axis: tuple[date, date] | None = None,
    today: date | None = None,
) -> None:
    """Draw ``bars`` into ``rect`` against a date axis.

    ``axis`` fixes the axis (so a timeline split over several pages keeps one scale);
    ``today`` draws a marker line when it falls on the axis.
    """
    painter.save()
    try:
        _paint(painter, rect, bars, palette, axis or timeline_span(bars), today)
    finally:
        painter.restore()


def _paint(
    painter: QPainter,
    rect: QRectF,
    bars: Sequence[TimelineBar],
    palette: ChartPalette,
    axis: tuple[date, date],
    today: date | None,
) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    base = painter.font()
    unit = line_height(painter)
    small = derived_font(base, 0.85)
    bold_small = derived_font(base, 0.85, bold=True)
    header_h = unit * HEADER_LINES
    legend_h = unit * LEGEND_LINES
    rows_h = max(0.0, rect.height() - header_h - legend_h)
    row_h = min(unit * ROW_LINES, rows_h / max(len(bars), 1))
    label_w = min(
        max((_width(painter, base, b.label) for b in bars), default=0.0) + unit * 0.8,
        rect.width() * 0.42,
    )
    x0, x1 = rect.left() + label_w, rect.right() - unit * 0.3
    first, last = axis
    days = max(1, (last - first).days)

    def x_of(day: date) -> float:
        return x0 + (x1 - x0) * (day - first).days / days

    top = rect.top() + header_h
    bottom = top + row_h * len(bars)
    for i in range(1, len(bars), 2):  # zebra stripes, under the grid lines
        y = top + i * row_h
        painter.fillRect(QRectF(rect.left(), y, rect.width(), row_h), QColor(palette.track))
    _axis(painter, rect, x_of, first, last, top, bottom, unit, small, bold_small, palette)

    for i, bar in enumerate(bars):
        y = top + i * row_h
        draw_text(
            painter,
            QRectF(rect.left(), y, label_w - unit * 0.6, row_h),
            bar.label,
            font=base,
            color=palette.muted if bar.done else palette.text,
        )
        color = QColor(
            palette.done if bar.done else palette.series[bar.color_index % len(palette.series)]
        )
        bar_h = row_h * 0.6
        mid = y + row_h / 2
        if bar.milestone:
            # Centred on its day, so it lines up with the end of the bar before it.
            x = (x_of(bar.start) + x_of(bar.start + timedelta(days=1))) / 2
            _diamond(painter, QPointF(x, mid), bar_h * 0.6, color)
            continue
        left = x_of(bar.start)
        right = max(x_of(bar.end + timedelta(days=1)), left + unit * 0.25)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(color))
        radius = bar_h * 0.2
        painter.drawRoundedRect(QRectF(left, mid - bar_h / 2, right - left, bar_h), radius, radius)

    if today is not None and first <= today <= last:
        x = x_of(today)
        pen = QPen(QColor(palette.today), unit * 0.08)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, top - unit * 0.3), QPointF(x, bottom))
        w = _width(painter, bold_small, "Today") + unit * 0.2
        draw_text(
            painter,
            QRectF(min(x + unit * 0.15, x1 - w), bottom + unit * 0.05, w, unit),
            "Today",
            font=bold_small,
            color=palette.today,
            elide=False,
        )

    categories: dict[int, str] = {}
    for bar in bars:
        if bar.category:
            categories.setdefault(bar.color_index, bar.category)
    entries: list[LegendEntry] = [
        (name, _fill(palette.series[index % len(palette.series)]))
        for index, name in sorted(categories.items())
    ]
    if any(b.done for b in bars):
        entries.append(("Done", _fill(palette.done)))
    if any(b.milestone for b in bars):
        entries.append(("Milestone", _diamond_swatch(palette.text)))
    swatch_legend(
        painter,
        QPointF(rect.left(), bottom + unit * 1.1),
        rect.width(),
        entries,
        font=small,
        color=palette.muted,
    )


def _fill(color: str) -> Callable[[QPainter, QRectF], None]:
    def draw(p: QPainter, r: QRectF) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(QColor(color)))
        p.drawRoundedRect(r, r.height() * 0.3, r.height() * 0.3)

    return draw


def _diamond_swatch(color: str) -> Callable[[QPainter, QRectF], None]:
    return lambda p, r: _diamond(p, r.center(), r.height() * 0.7, QColor(color))


def _diamond(painter: QPainter, centre: QPointF, half: float, color: QColor) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(color))
    x, y = centre.x(), centre.y()
    painter.drawPolygon(
        QPolygonF(
            [QPointF(x, y - half), QPointF(x + half, y), QPointF(x, y + half), QPointF(x - half, y)]
        )
    )


def _axis(
    painter: QPainter,
    rect: QRectF,
    x_of: Callable[[date], float],
    first: date,
    last: date,
    top: float,
    bottom: float,
    unit: float,
    small: QFont,
    bold_small: QFont,
    palette: ChartPalette,
) -> None:
    """Year labels on the first header line (every year, or every 2, 5, 10… years when they
    are narrow), months or quarters on the second when there is room, a tick per month where
    ticks do not merge into a band, and a grid line per year."""
    months: list[date] = []
    day = first
    while day < last:
        months.append(day)
        day = _next_month(day)
    month_w = (x_of(last) - x_of(first)) / max(len(months), 1)
    char = _width(painter, small, "M")
    label_w = _width(painter, bold_small, "2000") + unit * 0.3
    every = next((n for n in (1, 2, 5, 10, 20, 50) if n * 12 * month_w >= label_w), 100)
    year_h = unit * 1.1
    label_top = rect.top() + year_h
    for month in months:
        x = x_of(month)
        if month.month == 1 or month == first:
            labelled = month.year % every == 0 or (every == 1)
            painter.setPen(QPen(QColor(palette.grid), unit * (0.06 if labelled else 0.03)))
            line_top = rect.top() + unit * 0.1 if labelled else top - unit * 0.35
            painter.drawLine(QPointF(x, line_top), QPointF(x, bottom))
            if labelled:
                end = min(x_of(date(month.year + every, 1, 1)), x_of(last))
                _year_label(
                    painter,
                    QRectF(x, rect.top(), end - x, year_h),
                    str(month.year),
                    (bold_small, small),
                    unit,
                    palette,
                )
        elif month_w >= unit * 0.15:
            painter.setPen(QPen(QColor(palette.grid), unit * 0.03))
            painter.drawLine(QPointF(x, top - unit * 0.35), QPointF(x, top))
        # Month initials when a month is wide enough, else the quarters' first months.
        if month_w >= char * 1.4:
            text = MONTH_INITIALS[month.month - 1]
        elif month_w * 3 >= char * 2.6 and month.month % 3 == 1:
            text = f"Q{month.month // 3 + 1}"
        else:
            continue
        draw_text(
            painter,
            QRectF(x, label_top, max(month_w, char * 2.6), unit * 1.1),
            text,
            font=small,
            color=palette.muted,
            elide=False,
        )
    painter.setPen(QPen(QColor(palette.grid), unit * 0.06))
    painter.drawLine(QPointF(x_of(first), top), QPointF(x_of(last), top))


def _year_label(
    painter: QPainter,
    room: QRectF,
    text: str,
    fonts: tuple[QFont, QFont],
    unit: float,
    palette: ChartPalette,
) -> None:
    """Bold where it fits, regular in a short first or last year, nothing if neither."""
    for font in fonts:
        if room.width() >= _width(painter, font, text) + unit * 0.2:
            label = QRectF(room.left() + unit * 0.1, room.top(), room.width(), room.height())
            draw_text(painter, label, text, font=font, color=palette.text, elide=False)
            return
