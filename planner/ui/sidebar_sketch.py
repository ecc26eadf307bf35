"""The sidebar as the first frame draws it: the page titles where the sidebar list will show
them, greyed as the list is until the data is in.

WORKAROUND: a QListWidget cannot be in the first frame cheaply. Every item view grabs a
gesture, which creates Qt's private gesture manager; when that object first reaches Python
(an application event filter sees every object), PySide builds the Python class of every Qt
class loaded to find its type, some 25 ms. The main window puts the real list in the sketch's
place right after the first frame.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

ALIGN_LEFT_VCENTER = 0x0081  # Qt.AlignLeft | Qt.AlignVCenter, by value (the Qt namespace's
# enums cost some 20 ms the first time they are touched)


# The item delegate's own margin inside the padding: Fusion's focus frame margin (2) + 1.
TEXT_MARGIN = 3


class SidebarSketch(QWidget):
    """Draws ``titles`` as a disabled QListWidget with the window's sidebar settings does:
    ``em // 6`` spacing around items, ``em // 3`` by ``em // 2`` padding, no frame."""

    def __init__(self, titles: list[str], em: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._titles = titles
        self._spacing = max(1, em // 6)
        self._padding = (em // 3, em // 2)
        self.setFixedWidth(int(em * 9.5))
        self.setEnabled(False)
        self.setAccessibleName("Pages")
        # Colours by role, as the list takes them: the painter starts with the foreground's
        # (QPainter.setPen and fillRect would build the Qt namespace's enums).
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setForegroundRole(QPalette.ColorRole.Text)
        self.setAutoFillBackground(True)

    def item_rect(self, row: int) -> QRect:
        """Where the list puts item ``row`` (QListView: spacing on every side of each item)."""
        s = self._spacing
        height = self.fontMetrics().height() + 2 * self._padding[0]
        return QRect(s, s + row * (height + 2 * s), self.width() - 2 * s, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        # The item view's delegate keeps a margin of its own inside the padding.
        inset = self._padding[1] + TEXT_MARGIN
        for row, title in enumerate(self._titles):
            text = self.item_rect(row).adjusted(inset, 0, -inset, 0)
            painter.drawText(text, ALIGN_LEFT_VCENTER, title)
        painter.end()
