"""Light and dark: the window follows the system's colour scheme (PLANNER_THEME=light or
dark overrides it), and charts pick the matching chart palette."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

if TYPE_CHECKING:  # the charts pull in the catalog (pydantic): not before the first paint
    from planner.charts.model import ChartPalette


def _dark_palette() -> QPalette:
    p = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#202326",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#17191b",
        QPalette.ColorRole.AlternateBase: "#24282b",
        QPalette.ColorRole.ToolTipBase: "#2b2f33",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#2b2f33",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Link: "#6cb4ff",
        QPalette.ColorRole.Highlight: "#2f6fb3",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#8a8f94",
        # Fusion draws check-box and frame edges from these: without them, an unticked box
        # is invisible on a dark base.
        QPalette.ColorRole.Light: "#4a4f55",
        QPalette.ColorRole.Midlight: "#3a3f44",
        QPalette.ColorRole.Mid: "#6b7178",
        QPalette.ColorRole.Dark: "#8a9096",
        QPalette.ColorRole.Shadow: "#0b0c0d",
    }
    for role, value in colors.items():
        p.setColor(role, QColor(value))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7d8186"))
    return p


class _VisibleChecks(QProxyStyle):
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
        if element in self._BOXES and is_dark(option.palette):
            edge = QColor(option.palette.color(QPalette.ColorRole.Text))
            edge.setAlpha(150)
            painter.save()
            painter.setPen(edge)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            rect = option.rect
            size = min(rect.width(), rect.height()) - 1
            painter.drawRect(rect.x(), rect.y() + (rect.height() - 1 - size) // 2, size, size)
            painter.restore()


def apply_theme(app: QApplication, override: str | None = None) -> None:
    """Fusion everywhere (the same look on every platform), coloured by the system scheme."""
    app.setStyle(_VisibleChecks(QStyleFactory.create("Fusion")))
    scheme = QGuiApplication.styleHints().colorScheme()
    dark = override == "dark" or (override != "light" and scheme == Qt.ColorScheme.Dark)
    app.setPalette(_dark_palette() if dark else app.style().standardPalette())


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def chart_palette() -> ChartPalette:
    """The chart colours that suit the window's current palette."""
    from planner.charts.model import ChartPalette

    return ChartPalette.dark() if is_dark() else ChartPalette.light()
