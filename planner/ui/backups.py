"""Backups in the window: "Back up now", "Restore…", and the way out when the database cannot
be opened (restore a backup or start afresh; the unusable file is set aside, never deleted)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.services import backups
from planner.services.workspace import Workspace

_PATH_ROLE = Qt.ItemDataRole.UserRole


def _plain_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # file names and messages are not markup
    label.setWordWrap(True)
    return label


class RestoreDialog(QDialog):
    """Pick a backup (newest first, or any file) and restore it.

    With ``problem`` set it is the dialog shown when the database cannot be opened: it says
    why, and also offers to start afresh; closing it quits. ``restored`` is emitted after a
    restore or a fresh start succeeded, with a sentence saying what happened.
    """

    restored = Signal(str)

    def __init__(self, ws: Workspace, parent: QWidget | None = None, problem: str = "") -> None:
        super().__init__(parent)
        self._ws = ws
        self.setWindowTitle("Your data could not be opened" if problem else "Restore a backup")
        layout = QVBoxLayout(self)
        if problem:
            headline = _plain_label(problem)
            headline.setAccessibleName("Problem")
            layout.addWidget(headline)
        try:
            found = backups.backups(ws)
        except PlannerError as exc:
            found = []
            layout.addWidget(_plain_label(str(exc)))
        explain = "Restoring replaces your data with the backup; what it replaces is kept: " + (
            "the unusable file is set aside beside it."
            if problem
            else "it is copied to the backups folder first."
        )
        layout.addWidget(_plain_label(explain))
        self.list = QListWidget()
        self.list.setAccessibleName("Backups")
        for backup in found:
            size = f"{backup.size / 1024:,.0f} KB"
            item = QListWidgetItem(f"{backup.taken_at:%A %d %B %Y, %H:%M:%S}  ·  {size}")
            item.setData(_PATH_ROLE, str(backup.path))
            item.setToolTip(str(backup.path))
            self.list.addItem(item)
        if found:
            self.list.setCurrentRow(0)
        else:
            self.list.addItem("No backups yet")
            self.list.setEnabled(False)
        layout.addWidget(self.list)
        self.error = _plain_label("")
        self.error.setAccessibleName("Restore problem")
        self.error.hide()
        layout.addWidget(self.error)

        self.buttons = QDialogButtonBox()
        self.restore_button = QPushButton("&Restore selected")
        self.restore_button.setEnabled(bool(found))
        self.restore_button.clicked.connect(self._restore_selected)
        self.other_button = QPushButton("Restore &other file…")
        self.other_button.clicked.connect(self._restore_other)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.fresh_button: QPushButton | None = None
        if problem:
            self.fresh_button = QPushButton("Start &afresh")
            self.fresh_button.setToolTip("Set the file aside (it is kept) and start empty")
            self.fresh_button.clicked.connect(self._start_afresh)
            self.buttons.addButton(self.fresh_button, QDialogButtonBox.ButtonRole.DestructiveRole)
            close = self.buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        else:
            close = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        close.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def _restore_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None and item.data(_PATH_ROLE):
            self.restore(Path(item.data(_PATH_ROLE)))

    def _restore_other(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Restore a backup",
            str(self._ws.folder),
            "Planner databases (*.sqlite3 *.bak);;All files (*)",
        )
        if name:
            self.restore(Path(name))

    def restore(self, source: Path) -> None:
        """Restore ``source``; on failure say why and keep the dialog open."""
        try:
            result = backups.restore_backup(self._ws, source)
        except PlannerError as exc:
            self._fail(str(exc))
            return
        kept = result.copy_of_previous or result.set_aside
        said = f"Restored your data from {source.name}."
        self._succeed(f"{said} What it replaced is kept as {kept}." if kept else said)

    def _start_afresh(self) -> None:
        try:
            aside = backups.start_afresh(self._ws)
        except PlannerError as exc:
            self._fail(str(exc))
            return
        self._succeed(
            f"Started afresh; the old file is kept as {aside}." if aside else "Started afresh."
        )

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _succeed(self, message: str) -> None:
        self.restored.emit(message)
        self.accept()


def back_up_now(parent: QWidget, ws: Workspace) -> Path | None:
    """Take a backup now; say where it went (status bar) or why it failed (a message box)."""
    try:
        copy = backups.back_up_now(ws)
    except PlannerError as exc:
        box = QMessageBox(QMessageBox.Icon.Warning, "Back up now", str(exc), parent=parent)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the message quotes paths
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return None
    return copy
