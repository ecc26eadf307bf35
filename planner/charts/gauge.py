"""The readiness gauge: a 270° dial filled to the readiness percentage."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from planner.charts._text import derived_font, draw_text, metrics
from planner.charts.model import ChartPalette

START_DEGREES = 225.0  # lower left; Qt counts angles anticlockwise from three o'clock
SWEEP_DEGREES = 270.0


def percent_text(percent: float) -> str:
    """``42 %`` for whole numbers, ``6.6 %`` otherwise: the form used in every export."""
    rounded = round(percent, 1)
    return f"{rounded:.0f} %" if rounded == int(rounded) else f"{rounded:.1f} %"


def gauge_color(percent: float, palette: ChartPalette) -> str:
    if percent >= 70:
        return palette.gauge_high
    if percent >= 40:
        return palette.gauge_mid
    return palette.gauge_low


def paint_readiness_gauge(
    painter: QPainter,
    rect: QRectF,
    percent: float,
    palette: ChartPalette,
    *,
    caption: str = "ready",
) -> None:
    """Draw the dial centred in ``rect`` (it stays round whatever the rect's shape)."""
    percent = max(0.0, min(100.0, percent))
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        side = min(rect.width(), rect.height())
        thickness = side * 0.11
        dial = QRectF(0, 0, side - thickness, side - thickness)
        dial.moveCenter(rect.center())

        track = QPen(QColor(palette.track), thickness)
        track.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(track)
        painter.drawArc(dial, round(START_DEGREES * 16), round(-SWEEP_DEGREES * 16))
        if percent > 0:
            value = QPen(QColor(gauge_color(percent, palette)), thickness)
            value.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(value)
            span = max(SWEEP_DEGREES * percent / 100.0, 1.5)  # a sliver stays visible
            painter.drawArc(dial, round(START_DEGREES * 16), round(-span * 16))

        # The figure in the middle, sized to the dial rather than to the painter's font.
        big = derived_font(painter.font(), 1.0, bold=True)
        big.setPixelSize(max(1, round(side * 0.2)))
        label = derived_font(painter.font(), 1.0)
        label.setPixelSize(max(1, round(side * 0.085)))
        big_h = metrics(painter, big).height()
        label_h = metrics(painter, label).height()
        centre = rect.center()
        text_w = dial.width() - thickness
        draw_text(
            painter,
            QRectF(centre.x() - text_w / 2, centre.y() - big_h * 0.65, text_w, big_h),
            percent_text(percent),
            font=big,
            color=palette.text,
            align=Qt.AlignmentFlag.AlignHCenter,
            elide=False,
        )
        draw_text(
            painter,
            QRectF(centre.x() - text_w / 2, centre.y() + big_h * 0.35, text_w, label_h),
            caption,
            font=label,
            color=palette.muted,
            align=Qt.AlignmentFlag.AlignHCenter,
        )
        # 0 and 100 at the ends of the dial, under the gap at the bottom.
        ends_y = dial.bottom() - label_h * 0.9
        for text, x in (
            ("0", dial.left() + dial.width() * 0.2),
            ("100", dial.right() - dial.width() * 0.2),
        ):
            draw_text(
                painter,
                QRectF(x - label_h * 1.5, ends_y, label_h * 3, label_h),
                text,
                font=label,
                color=palette.muted,
                align=Qt.AlignmentFlag.AlignHCenter,
                elide=False,
            )
    finally:
        painter.restore()
