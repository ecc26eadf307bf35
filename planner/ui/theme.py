"""Light and dark: the window follows the system's colour scheme (PLANNER_THEME=light or
dark overrides it), and charts pick the matching chart palette.

Nothing here touches the ``Qt`` namespace before the first frame: PySide builds the Python
enums of the whole namespace on first use, some 20 ms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

if TYPE_CHECKING:  # the charts pull in the catalog and planning: not before the first paint
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


def apply_theme(app: QApplication, override: str | None = None) -> None:
    """Fusion everywhere (the same look on every platform), light or dark as the system is,
    or as ``override`` ("light", "dark") says."""
    dark = wants_dark(app, override)
    apply_palette(app, dark=dark)
    apply_style(app, dark=dark)


def wants_dark(app: QApplication, override: str | None = None) -> bool:
    """Dark if asked, or if the system's palette is (its window colour is dark).

    The colour scheme is asked later, by ``follow_color_scheme``: its enum is in the ``Qt``
    namespace, too dear before the first frame.
    """
    return override == "dark" or (override != "light" and is_dark(app.palette()))


def apply_palette(app: QApplication, *, dark: bool) -> None:
    """The window's colours: cheap, so set before the first frame, which they must colour.
    In light, the system's own light palette is kept."""
    if dark:
        app.setPalette(_dark_palette())
    elif is_dark(app.palette()):  # light asked for where the palette is dark
        app.setPalette(QStyleFactory.create("Fusion").standardPalette())


def apply_style(app: QApplication, *, dark: bool) -> None:
    """Fusion, with the check boxes mended in dark.

    A style object in Python costs some 7 ms the first time (PySide builds the QStyle
    classes), so the window sets this once its opening page is drawn; make_application
    creates the application in Fusion already, and the dashboard has no check boxes.
    """
    if dark:
        from planner.ui.dark_checks import VisibleChecks

        app.setStyle(VisibleChecks(QStyleFactory.create("Fusion")))
    elif app.style().name().lower() != "fusion":  # the mending proxy has no name
        # Plain Fusion: no call into Python for every primitive drawn.
        app.setStyle(QStyleFactory.create("Fusion"))


def follow_color_scheme(app: QApplication, override: str | None = None) -> None:
    """Turn dark, after the first frame, if the system's colour scheme is dark though its
    palette was light."""
    from PySide6.QtCore import Qt

    scheme = QGuiApplication.styleHints().colorScheme()
    if override is None and scheme == Qt.ColorScheme.Dark and not is_dark(app.palette()):
        apply_palette(app, dark=True)
        apply_style(app, dark=True)


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def chart_palette() -> ChartPalette:
    """The chart colours that suit the window's current palette."""
    from planner.charts.model import ChartPalette

    return ChartPalette.dark() if is_dark() else ChartPalette.light()
