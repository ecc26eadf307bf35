"""The gap chart: one horizontal bar per requirement, current level against required level."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from planner.catalog.scale import LEVEL_NAMES, MAX_LEVEL
from planner.charts._text import LegendEntry, derived_font, draw_text, line_height, swatch_legend
from planner.charts._text import text_width as _width
from planner.charts.model import ChartPalette, GapRow

# In line heights of the painter's font: the axis header, one row, the legend.
HEADER_LINES = 1.8
ROW_LINES = 1.7
MIN_ROW_LINES = 1.15
LEGEND_LINES = 2.2


def gap_chart_height(rows: int, line: float) -> float:
    """The height a chart of ``rows`` rows looks best at, for a font of line height ``line``."""
    return line * (HEADER_LINES + ROW_LINES * max(rows, 1) + LEGEND_LINES)


def paint_gap_chart(
    painter: QPainter, rect: QRectF, rows: Sequence[GapRow], palette: ChartPalette
) -> None:
    """Draw ``rows`` into ``rect``: a 0–5 axis with level names, the current level as a filled
    bar, the missing levels shaded, the target as a solid (required) or dashed (preferred)
    outline. Rows shrink to fit ``rect``; callers split long lists (see gap_chart_height)."""
    painter.save()
    try:
        _paint(painter, rect, rows, palette)
    finally:
        painter.restore()


def _paint(painter: QPainter, rect: QRectF, rows: Sequence[GapRow], palette: ChartPalette) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    base = painter.font()
    unit = line_height(painter)
    small = derived_font(base, 0.85)
    italic = derived_font(base, 1.0, italic=True)
    legend_h = unit * LEGEND_LINES
    header_h = unit * HEADER_LINES
    body = QRectF(rect.left(), rect.top() + header_h, rect.width(), 0)
    body.setHeight(max(0.0, rect.height() - header_h - legend_h))
    row_h = min(unit * ROW_LINES, body.height() / max(len(rows), 1))

    label_w = min(
        max((_width(painter, base, r.label) for r in rows), default=0.0) + unit * 0.8,
        rect.width() * 0.38,
    )
    value_w = _width(painter, base, "5 / 5") + unit * 1.2
    x0 = rect.left() + label_w
    x1 = rect.right() - value_w
    step = (x1 - x0) / MAX_LEVEL

    def x_of(level: float) -> float:
        return x0 + step * level

    for i in range(1, len(rows), 2):  # zebra stripes help the eye across a wide chart
        top = body.top() + i * row_h
        painter.fillRect(QRectF(rect.left(), top, rect.width(), row_h), QColor(palette.track))

    # Level names where they fit between ticks, numbers where they do not.
    widest = max(_width(painter, small, f"{i} {n}") for i, n in enumerate(LEVEL_NAMES))
    names = widest <= step * 0.95
    for level in range(MAX_LEVEL + 1):
        x = x_of(level)
        text = f"{level} {LEVEL_NAMES[level]}" if names else str(level)
        w = _width(painter, small, text) + unit * 0.2
        left = min(max(x - w / 2, rect.left()), rect.right() - w)
        if level == 0:
            left = max(x - w / 2, x - unit * 0.3) if names else x - w / 2
        draw_text(
            painter,
            QRectF(left, rect.top(), w, header_h * 0.8),
            text,
            font=small,
            color=palette.muted,
            align=Qt.AlignmentFlag.AlignHCenter,
            elide=False,
        )
        painter.setPen(QPen(QColor(palette.grid), max(unit * 0.04, 0.5)))
        painter.drawLine(
            QPointF(x, body.top() - unit * 0.2), QPointF(x, body.top() + row_h * len(rows))
        )

    bar_h = row_h * 0.56
    for i, row in enumerate(rows):
        top = body.top() + i * row_h
        font = base if row.importance == "required" else italic
        draw_text(
            painter,
            QRectF(rect.left(), top, label_w - unit * 0.6, row_h),
            row.label,
            font=font,
            color=palette.text,
        )
        bar = QRectF(x0, top + (row_h - bar_h) / 2, 0, bar_h)
        _row_bar(painter, bar, row, x_of, palette, unit)
        draw_text(
            painter,
            QRectF(x1 + unit * 0.5, top, value_w - unit * 0.5, row_h),
            f"{row.current} / {row.required}",
            font=base,
            color=palette.met if row.met else palette.text,
            elide=False,
        )

    legend_top = body.top() + row_h * len(rows) + unit * 0.7
    swatch_legend(
        painter,
        QPointF(rect.left(), legend_top),
        rect.width(),
        _legend(palette, unit),
        font=small,
        color=palette.muted,
    )


def _target_pen(row: GapRow, palette: ChartPalette, unit: float) -> QPen:
    required = row.importance == "required"
    pen = QPen(QColor(palette.required if required else palette.preferred), unit * 0.12)
    if not required:
        pen.setStyle(Qt.PenStyle.DashLine)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def _row_bar(
    painter: QPainter,
    bar: QRectF,
    row: GapRow,
    x_of: Callable[[float], float],
    palette: ChartPalette,
    unit: float,
) -> None:
    target = QRectF(bar.left(), bar.top(), x_of(row.required) - bar.left(), bar.height())
    current = QRectF(bar.left(), bar.top(), x_of(row.current) - bar.left(), bar.height())
    painter.setPen(Qt.PenStyle.NoPen)
    painter.fillRect(target, QColor(palette.short))
    painter.fillRect(current, QColor(palette.met if row.met else palette.current))
    # The target: an outline of the required span and a thick tick at the required level.
    painter.setBrush(QBrush(Qt.BrushStyle.NoBrush))
    outline = _target_pen(row, palette, unit)
    outline.setWidthF(unit * 0.05)
    painter.setPen(outline)
    painter.drawRect(target)
    painter.setPen(_target_pen(row, palette, unit))
    x = target.right()
    painter.drawLine(
        QPointF(x, bar.top() - bar.height() * 0.25), QPointF(x, bar.bottom() + bar.height() * 0.25)
    )


def _legend(palette: ChartPalette, unit: float) -> list[LegendEntry]:
    def fill(color: str) -> Callable[[QPainter, QRectF], None]:
        return lambda p, r: p.fillRect(r, QColor(color))

    def tick(row: GapRow) -> Callable[[QPainter, QRectF], None]:
        def draw(p: QPainter, r: QRectF) -> None:
            p.setPen(_target_pen(row, palette, unit))
            p.drawLine(
                QPointF(r.center().x(), r.top() - r.height() * 0.3),
                QPointF(r.center().x(), r.bottom() + r.height() * 0.3),
            )

        return draw

    return [
        ("Your level", fill(palette.current)),
        ("Still to learn", fill(palette.short)),
        ("Met", fill(palette.met)),
        ("Required level", tick(GapRow("", 0, 1, "required"))),
        ("Preferred level (label in italics)", tick(GapRow("", 0, 1, "preferred"))),
    ]
