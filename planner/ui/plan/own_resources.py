"""The person's own resources for a step: title and link, added and removed (undoably).
Links are shown as text; the planner never opens them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.services.resources import UserResourceView, step_resources
from planner.ui import commands
from planner.ui.context import UiContext


class OwnResources(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._key: str | None = None
        self._views: list[UserResourceView] = []

        self.list = QListWidget()
        self.list.setAccessibleName("Your resources for this step")
        self.list.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty = QLabel("None yet: add a course, a page or a book you found useful.")
        self.empty.setWordWrap(True)
        self.title = QLineEdit()
        self.title.setPlaceholderText("Title")
        self.title.setAccessibleName("New resource title")
        self.link = QLineEdit()
        self.link.setPlaceholderText("Link or where to find it (optional)")
        self.link.setAccessibleName("New resource link")
        self.add = QPushButton("&Add")
        self.add.setAccessibleName("Add this resource")
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName("Remove the selected resource")
        self.remove.setEnabled(False)
        self.message = QLabel()
        self.message.setWordWrap(True)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.title, 2)
        row.addWidget(self.link, 3)
        row.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)
        layout.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(row)
        layout.addWidget(self.message)

        self.add.clicked.connect(self._add)
        self.title.returnPressed.connect(self._add)
        self.link.returnPressed.connect(self._add)
        self.remove.clicked.connect(self._remove)
        self.list.currentRowChanged.connect(lambda row: self.remove.setEnabled(row >= 0))
        ctx.changed.connect(self._on_changed)

    def show_step(self, step_key: str | None) -> None:
        self._key = step_key
        self.message.clear()
        self._reload()

    def _on_changed(self, topics: frozenset[str]) -> None:
        if "plan" in topics:
            self._reload()

    def _reload(self) -> None:
        self._views = step_resources(self.ctx.ws, step_key=self._key) if self._key else []
        self.list.clear()
        for view in self._views:
            text = view.title + (f" — {view.link}" if view.link else "")
            self.list.addItem(QListWidgetItem(text))
        self.list.setVisible(bool(self._views))
        self.remove.setVisible(bool(self._views))
        self.empty.setVisible(not self._views)
        self.remove.setEnabled(False)

    def _add(self) -> None:
        if self._key is None:
            return
        if not self.title.text().strip():
            self.message.setText("Give the resource a title.")
            self.title.setFocus()
            return
        command = commands.add_step_resource(
            self.ctx, self._key, self.title.text(), self.link.text()
        )
        if self.ctx.push(command):
            self.title.clear()
            self.link.clear()
            self.message.clear()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._views):
            self.ctx.push(commands.remove_step_resource(self.ctx, self._views[row]))
