"""Edit one of the person's own roles: its title, summary and requirements (skill, level,
importance). Saved through planner.services.custom_roles, which checks every reference."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from planner.catalog.scale import MAX_LEVEL, level_label
from planner.catalog.schema import Requirement, Role
from planner.catalog.validation import InvalidEntry, to_data, validate
from planner.errors import PlannerError
from planner.services.custom_roles import save_role
from planner.ui.context import TOPICS, UiContext
from planner.ui.plain_text import plain_tooltip

IMPORTANCES = (("required", "Required"), ("preferred", "Preferred"))
SKILL, LEVEL, IMPORTANCE = 0, 1, 2


class RoleEditDialog(QDialog):
    """Edits a custom role in place; ``saved`` holds the role once it was stored."""

    def __init__(self, ctx: UiContext, role: Role, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._role = role
        self.saved: Role | None = None
        self.setWindowTitle("Edit your role")
        catalog = ctx.ws.catalog
        # (name, id) of every skill, by name: what a requirement can point at.
        self._skills = sorted(
            ((s.name, s.id) for s in catalog.skills.values()), key=lambda p: p[0].casefold()
        )

        self.title = QLineEdit(role.title)
        self.title.setAccessibleName("Title")
        self.summary = QPlainTextEdit(role.summary)
        self.summary.setAccessibleName("Summary")
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(self.fontMetrics().height() * 5)
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Summary:", self.summary)

        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName("Requirements")
        self.table.setHorizontalHeaderLabels(["Skill", "Level", "Importance"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SKILL, QHeaderView.ResizeMode.Stretch)
        # Alternatives ("AWS or Azure or GCP") are kept as they are; their level and
        # importance can change. A row's own list, by row: the table reorders nothing.
        self._alternatives: list[tuple[str, ...]] = []
        self._notes: list[str] = []  # kept as they were: the dialog does not edit them
        for requirement in role.requirements:
            self._add_row(requirement)

        self.add_button = QPushButton("&Add requirement")
        self.add_button.clicked.connect(self.add_requirement)
        self.remove_button = QPushButton("&Remove requirement")
        self.remove_button.clicked.connect(self.remove_requirement)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.add_button)
        buttons_row.addWidget(self.remove_button)
        buttons_row.addStretch(1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Requirements:"))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons_row)
        layout.addWidget(self.buttons)
        em = self.fontMetrics().averageCharWidth()
        self.resize(em * 90, self.fontMetrics().height() * 36)

    # --- rows -----------------------------------------------------------------------------

    def _add_row(self, requirement: Requirement | None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        alternatives = requirement.any_of if requirement else ()
        self._alternatives.append(alternatives)
        if len(alternatives) > 1:
            names = [self._skill_name(s) for s in alternatives]
            label = QLabel(" or ".join(names))
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setToolTip(plain_tooltip("One of these is enough; remove the row to change it"))
            self.table.setCellWidget(row, SKILL, label)
        else:
            skill = QComboBox()
            skill.setEditable(True)  # type to find a skill among a hundred
            skill.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            skill.setAccessibleName("Skill")
            for name, skill_id in self._skills:
                skill.addItem(name, skill_id)
            skill.setCurrentIndex(skill.findData(alternatives[0]) if alternatives else -1)
            self.table.setCellWidget(row, SKILL, skill)
        level = QComboBox()
        level.setAccessibleName("Level")
        for value in range(1, MAX_LEVEL + 1):
            level.addItem(level_label(value), value)
        level.setCurrentIndex(level.findData(requirement.level if requirement else 3))
        self.table.setCellWidget(row, LEVEL, level)
        importance = QComboBox()
        importance.setAccessibleName("Importance")
        for key, name in IMPORTANCES:
            importance.addItem(name, key)
        importance.setCurrentIndex(
            importance.findData(requirement.importance if requirement else "required")
        )
        self.table.setCellWidget(row, IMPORTANCE, importance)
        self._notes.append(requirement.note if requirement else "")
        return row

    def _skill_name(self, skill_id: str) -> str:
        skill = self._ctx.ws.catalog.skills.get(skill_id)
        return skill.name if skill else skill_id

    def add_requirement(self) -> int:
        row = self._add_row(None)
        self.table.selectRow(row)
        widget = self.table.cellWidget(row, SKILL)
        if widget is not None:
            widget.setFocus()
        return row

    def remove_requirement(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        del self._alternatives[row]
        del self._notes[row]

    def combo(self, row: int, column: int) -> QComboBox:
        widget = self.table.cellWidget(row, column)
        assert isinstance(widget, QComboBox)
        return widget

    # --- saving -----------------------------------------------------------------------------

    def requirements(self) -> list[dict[str, object]]:
        """The rows as requirement tables; a skill typed but not picked is taken by name."""
        result = []
        for row in range(self.table.rowCount()):
            alternatives = self._alternatives[row]
            if len(alternatives) <= 1:
                box = self.combo(row, SKILL)
                index = box.findText(box.currentText().strip(), Qt.MatchFlag.MatchFixedString)
                chosen = box.itemData(index) if index >= 0 else box.currentText().strip()
                alternatives = (str(chosen),) if chosen else ()
            result.append(
                {
                    "any_of": alternatives,
                    "level": self.combo(row, LEVEL).currentData(),
                    "importance": self.combo(row, IMPORTANCE).currentData(),
                    "note": self._notes[row],
                }
            )
        return result

    def accept(self) -> None:
        data = to_data(self._role)
        data.update(
            title=" ".join(self.title.text().split()),
            summary=self.summary.toPlainText().strip(),
            requirements=self.requirements(),
        )
        try:
            role = validate(Role, data)
        except InvalidEntry:
            self._refuse(
                "A role needs a title, a summary and at least one requirement, and each "
                "requirement a skill."
            )
            return
        try:
            self.saved = save_role(self._ctx.ws, role, replace=True)
        except PlannerError as exc:
            self._refuse(str(exc))
            return
        self._ctx.changed.emit(TOPICS)
        super().accept()

    def _refuse(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Edit your role", text, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setObjectName("edit-refused")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
