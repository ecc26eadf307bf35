"""Fonts and text measuring shared by the charts, resolved against the painter's device.

Every size in a chart derives from the line height of the painter's font on its device, so
the same code draws at screen resolution and at 300 dpi in a PDF with the same proportions.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen


def derived_font(
    base: QFont, scale: float = 1.0, *, bold: bool = False, italic: bool = False
) -> QFont:
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * scale)
    elif base.pixelSize() > 0:
        font.setPixelSize(max(1, round(base.pixelSize() * scale)))
    font.setBold(bold)
    font.setItalic(italic)
    return font


def metrics(painter: QPainter, font: QFont) -> QFontMetricsF:
    device = painter.device()
    return QFontMetricsF(font, device) if device is not None else QFontMetricsF(font)


def line_height(painter: QPainter) -> float:
    """The chart unit: the line height of the painter's current font on its device."""
    return metrics(painter, painter.font()).height()


def draw_text(
    painter: QPainter,
    rect: QRectF,
    text: str,
    *,
    font: QFont,
    color: str,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    elide: bool = True,
) -> None:
    """One line of text, vertically centred in ``rect`` and elided to its width."""
    fm = metrics(painter, font)
    if elide:
        text = fm.elidedText(text, Qt.TextElideMode.ElideRight, max(0.0, rect.width()))
    painter.setFont(font)
    painter.setPen(QPen(QColor(color)))
    painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), text)


def text_width(painter: QPainter, font: QFont, text: str) -> float:
    return metrics(painter, font).horizontalAdvance(text)


LegendEntry = tuple[str, Callable[[QPainter, QRectF], None]]


def swatch_legend(
    painter: QPainter,
    origin: QPointF,
    width: float,
    entries: list[LegendEntry],
    *,
    font: QFont,
    color: str,
) -> float:
    """Legend entries laid left to right, wrapping; each is (label, draw(painter, rect)).

    Returns the height used.
    """
    fm = metrics(painter, font)
    unit = fm.height()
    x, y = origin.x(), origin.y()
    for label, draw in entries:
        item_width = unit * 1.6 + fm.horizontalAdvance(label) + unit * 1.2
        if x > origin.x() and x + item_width > origin.x() + width:
            x, y = origin.x(), y + unit * 1.4
        swatch = QRectF(x, y + unit * 0.2, unit * 1.2, unit * 0.6)
        painter.save()
        draw(painter, swatch)
        painter.restore()
        draw_text(
            painter,
            QRectF(x + unit * 1.6, y, item_width, unit),
            label,
            font=font,
            color=color,
            elide=False,
        )
        x += item_width
    return y + unit - origin.y()
