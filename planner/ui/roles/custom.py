"""The Roles page's actions on the person's own roles and skills: duplicate a role as custom,
edit or delete one, export them to a file, import a file, and list (and delete) custom
skills. Everything goes through planner.services.custom_roles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.services import custom_roles
from planner.ui import exporting, portable
from planner.ui.context import TOPICS, UiContext
from planner.ui.roles.edit_dialog import RoleEditDialog

TITLE = "Your roles"
FILE_FILTER = "Role files (*.toml);;All files (*)"


# --- questions to the person (tests answer them in place of a person) -------------------------


def ask_title(parent: QWidget, suggested: str) -> str | None:
    """The title for a copy; None when the person cancelled."""
    text, ok = QInputDialog.getText(
        parent,
        "Duplicate as custom role",
        "Title of your copy:",
        QLineEdit.EchoMode.Normal,
        suggested,
    )
    return text if ok else None


def confirm(parent: QWidget, text: str) -> bool:
    """Ask before something that cannot be undone; No is the default."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        TITLE,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # the text quotes role and skill names
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def _tell(parent: QWidget, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, TITLE, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # names and paths are not markup
    box.setObjectName("custom-roles-message")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def _status(parent: QWidget, message: str) -> None:
    window = parent.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message, 10000)


def _documents() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder or Path.home())


class CustomRoleActions(QObject):
    """The actions, kept enabled to match the current role. ``current`` gives the current
    role's id; ``show`` reloads the list and selects a role (or keeps the selection)."""

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget,
        current: Callable[[], str | None],
        show: Callable[[str | None], None],
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._parent = parent
        self._current = current
        self._show = show
        self.skills_dialog: CustomSkillsDialog | None = None

        def action(text: str, tip: str, slot: Callable[[], object]) -> QAction:
            made = QAction(text, parent)
            made.setToolTip(tip)
            made.setStatusTip(tip)
            made.triggered.connect(lambda _=False: slot())
            return made

        self.duplicate = action(
            "&Duplicate as custom…",
            "Copy this role into one of your own, to change as you like",
            self.duplicate_current,
        )
        self.edit = action(
            "&Edit…", "Change the title, summary and requirements of your role", self.edit_current
        )
        self.delete = action(
            "De&lete…", "Delete your role and the plans made for it", self.delete_current
        )
        self.export = action(
            "E&xport custom roles…",
            "Write your own roles and skills to a file, to keep or share",
            self.export_all,
        )
        self.import_ = action(
            "&Import roles…", "Add the roles and skills of a file to your own", self.import_file
        )
        self.skills = action(
            "Custom s&kills…", "See and delete the skills you added", self.open_skills
        )
        self.all = (self.duplicate, self.edit, self.delete, self.export, self.import_, self.skills)
        self.update_enabled()

    def update_enabled(self) -> None:
        role_id = self._current()
        catalog = self._ctx.ws.catalog
        mine = role_id is not None and catalog.is_custom_role(role_id)
        self.duplicate.setEnabled(role_id is not None)
        self.edit.setEnabled(mine)
        self.delete.setEnabled(mine)
        self.export.setEnabled(bool(catalog.custom_role_ids or catalog.custom_skill_ids))
        self.skills.setEnabled(bool(catalog.custom_skill_ids))

    # --- what each action does --------------------------------------------------------------

    def _changed(self, select: str | None) -> None:
        self._show(select)
        self.update_enabled()

    def duplicate_current(self) -> str | None:
        role_id = self._current()
        if role_id is None:
            return None
        source = self._ctx.ws.catalog.roles[role_id]
        title = ask_title(self._parent, f"{source.title} (mine)")
        if title is None:
            return None
        try:
            copy = custom_roles.duplicate_role(self._ctx.ws, role_id, title)
        except PlannerError as exc:
            _tell(self._parent, str(exc))
            return None
        self._ctx.changed.emit(TOPICS)
        self._changed(copy.id)
        _status(self._parent, f"Made your role {copy.title} from {source.title}")
        return copy.id

    def edit_current(self) -> RoleEditDialog | None:
        role_id = self._current()
        if role_id is None or not self._ctx.ws.catalog.is_custom_role(role_id):
            return None
        dialog = RoleEditDialog(self._ctx, self._ctx.ws.catalog.roles[role_id], self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._changed(role_id))
        dialog.open()
        return dialog

    def delete_current(self) -> int | None:
        """Delete the current custom role after asking; the number of plans that went."""
        role_id = self._current()
        catalog = self._ctx.ws.catalog
        if role_id is None or not catalog.is_custom_role(role_id):
            return None
        title = catalog.roles[role_id].title
        try:
            plans = custom_roles.plans_made_for(self._ctx.ws, role_id)
        except PlannerError as exc:
            _tell(self._parent, str(exc))
            return None
        going = {0: "", 1: " The plan made for it goes with it."}.get(
            plans, f" The {plans} plans made for it go with it."
        )
        if not confirm(self._parent, f"Delete your role “{title}”?{going} This cannot be undone."):
            return None
        try:
            plans = custom_roles.delete_role(self._ctx.ws, role_id)
        except PlannerError as exc:
            _tell(self._parent, str(exc))
            return None
        self._ctx.undo_stack.clear()  # its edits may name the role or the plans that went
        self._ctx.changed.emit(TOPICS)
        self._changed(None)
        _status(self._parent, f"Deleted your role {title}")
        return plans

    def export_all(self) -> Path | None:
        suggested = _documents() / "my-roles.toml"
        path = exporting.ask_save_path(
            self._parent, "Export your roles and skills", suggested, FILE_FILTER
        )
        if path is None:
            return None
        if not path.suffix:
            path = path.with_name(path.name + ".toml")
        try:
            done = custom_roles.export_custom(self._ctx.ws, path)
        except PlannerError as exc:
            _tell(self._parent, str(exc))
            return None
        _status(
            self._parent,
            f"Wrote {len(done.role_ids)} role(s) and {len(done.skill_ids)} skill(s) to {path}",
        )
        return path

    def import_file(self) -> custom_roles.ImportResult | None:
        path = portable.ask_open_path(
            self._parent, "Import roles and skills", _documents(), FILE_FILTER
        )
        if path is None:
            return None
        try:
            try:
                result = custom_roles.import_custom(self._ctx.ws, path)
            except custom_roles.ImportClashError as exc:
                names = ", ".join(exc.ids)
                if not confirm(
                    self._parent,
                    f"{path.name} holds other versions of your own {names}. Replace yours "
                    "with the file's?",
                ):
                    return None
                result = custom_roles.import_custom(self._ctx.ws, path, replace=True)
        except PlannerError as exc:
            _tell(self._parent, str(exc))
            return None
        self._ctx.changed.emit(TOPICS)
        first = (*result.added_roles, *result.replaced_roles, None)[0]
        self._changed(first)
        _status(self._parent, result.describe())
        return result

    def open_skills(self) -> CustomSkillsDialog:
        if self.skills_dialog is not None:
            self.skills_dialog.close()
        dialog = CustomSkillsDialog(self._ctx, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _=None: setattr(self, "skills_dialog", None))
        dialog.finished.connect(lambda _=0: self.update_enabled())
        self.skills_dialog = dialog
        dialog.open()
        return dialog


class CustomSkillsDialog(QDialog):
    """The skills the person added, with the roles that use them; Delete removes one (its
    ratings are kept)."""

    NAME, ID, CATEGORY, USED_BY = range(4)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle("Your custom skills")
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName("Custom skills")
        self.table.setHorizontalHeaderLabels(["Skill", "Id", "Category", "Used by your roles"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.USED_BY, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel("You have added no skills of your own.")
        self.delete_button = QPushButton("&Delete skill…")
        self.delete_button.setToolTip("Delete the selected skill; your ratings of it are kept")
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._update_enabled)
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.fontMetrics().height() * 20)
        self.reload()

    def reload(self) -> None:
        ws = self._ctx.ws
        roles = custom_roles.custom_roles(ws)
        skills = custom_roles.custom_skills(ws)
        self.table.setRowCount(len(skills))
        for row, skill in enumerate(skills):
            users = [r.title for r in roles if any(skill.id in q.any_of for q in r.requirements)]
            cells = (
                skill.name,
                skill.id,
                ws.catalog.category_name(skill.category),
                ", ".join(users) or "—",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, skill.id)
                self.table.setItem(row, column, item)
        self.empty.setVisible(not skills)
        self._update_enabled()

    def skill_ids(self) -> list[str]:
        return [self._text(r, self.ID) for r in range(self.table.rowCount())]

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def _update_enabled(self) -> None:
        self.delete_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def delete_selected(self) -> bool:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return False
        skill_id = str(rows[0].data(Qt.ItemDataRole.UserRole))
        name = self._text(rows[0].row(), self.NAME)
        if not confirm(self, f"Delete your skill “{name}”? Your ratings of it are kept."):
            return False
        try:
            custom_roles.delete_skill(self._ctx.ws, skill_id)
        except PlannerError as exc:
            _tell(self, str(exc))
            return False
        self._ctx.changed.emit(TOPICS)
        self.reload()
        return True
