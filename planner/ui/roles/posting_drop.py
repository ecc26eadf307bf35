"""Ways into the posting import: a File-menu action and a .txt/.md file dropped on the window.

Installed on the main window once its data is loaded; everything it needs is given to it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from planner.ui.context import UiContext

# The extractor (and rapidfuzz) load on the first import or drag, not with the window: this is
# installed while the window opens, on the way to the dashboard's first frame.
if TYPE_CHECKING:
    from planner.ui.roles.import_dialog import ImportRoleDialog


class _Window(Protocol):
    def show_page(self, key: str) -> QWidget: ...


def posting_path(event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> Path | None:
    """The first local .txt/.md file the drag carries, if any."""
    data = event.mimeData()
    if not data.hasUrls():
        return None
    from planner.services.role_import import POSTING_SUFFIXES

    for url in data.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.casefold() in POSTING_SUFFIXES:
                return path
    return None


class PostingImport(QObject):
    """Opens the import dialog from the File menu or from a dropped posting file."""

    def __init__(self, window: QMainWindow, ctx: UiContext) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self.dialog: ImportRoleDialog | None = None
        self.action = QAction("Impor&t job posting…", window)
        self.action.setStatusTip("Make a role of your own from a job posting (.txt or .md)")
        self.action.triggered.connect(lambda: self.open_dialog())
        self._add_to_file_menu(window)
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def _add_to_file_menu(self, window: QMainWindow) -> None:
        menus = [a.menu() for a in window.menuBar().actions()]
        file_menu = next((m for m in menus if isinstance(m, QMenu)), None)
        if file_menu is None:
            return
        actions = file_menu.actions()
        # Beside the other import, else at the top.
        after = next((a for a in actions if a.text().replace("&", "").startswith("Import")), None)
        position = actions.index(after) + 1 if after is not None else 0
        before = actions[position] if position < len(actions) else None
        file_menu.insertAction(before, self.action)  # type: ignore[arg-type]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDragMoveEvent)
            if posting_path(event) is not None:
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
                return True
        elif kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            path = posting_path(event)
            if path is not None:
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
                self.open_dialog(path)
                return True
        return super().eventFilter(watched, event)

    def open_dialog(self, path: Path | None = None) -> ImportRoleDialog:
        """The dialog, shown (not modal to the app: the window stays usable behind it)."""
        from planner.ui.roles.import_dialog import ImportRoleDialog

        dialog = ImportRoleDialog(self._ctx, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.role_saved.connect(self._show_role)
        dialog.destroyed.connect(lambda *_: self._forget(dialog))
        self.dialog = dialog
        if path is not None:
            dialog.open_file(path)
        dialog.open()
        return dialog

    def _forget(self, dialog: ImportRoleDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _show_role(self, role_id: str) -> None:
        window: _Window = self._window  # type: ignore[assignment]
        page = window.show_page("roles")
        select = getattr(page, "select_role", None)
        if callable(select):
            select(role_id)
