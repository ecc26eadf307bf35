"""The check-box outline Fusion loses on a dark palette, drawn back.

Its own module: a Python style subclass builds PySide's QStyle classes (some 7 ms), which a
light window does not need before its first frame.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget


class VisibleChecks(QProxyStyle):
    """Fusion outlines a check box with a shade darker than the window: on a dark palette
    an unticked box disappears. This draws the outline in the text colour instead."""

    _BOXES = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
    )

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        palette = option.palette
        if element in self._BOXES and palette.color(QPalette.ColorRole.Window).lightness() < 128:
            edge = QColor(palette.color(QPalette.ColorRole.Text))
            edge.setAlpha(150)
            painter.save()
            painter.setPen(edge)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            rect = option.rect
            size = min(rect.width(), rect.height()) - 1
            painter.drawRect(rect.x(), rect.y() + (rect.height() - 1 - size) // 2, size, size)
            painter.restore()
