"""Preferences: the person's name, experience, education, current role, default hours, and
how many rolling backups to keep.
OK stores what changed through the profile service; Cancel changes nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.catalog.schema import EDUCATION_NAMES
from planner.errors import NotFoundError
from planner.services import backups, first_run_view, profile
from planner.ui.context import UiContext
from planner.ui.plain_text import plain_tooltip


def role_combo(ctx: UiContext, current: str | None) -> QComboBox:
    """An editable combo of every catalog role: type any part of a title to narrow it."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for choice in first_run_view.role_choices(ctx.ws):
        combo.addItem(choice.title, choice.role_id)
        combo.setItemData(
            combo.count() - 1,
            plain_tooltip(f"{choice.family} · {choice.seniority}"),
            Qt.ItemDataRole.ToolTipRole,
        )
    completer = QCompleter(combo.model(), combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    index = combo.findData(current) if current else -1
    combo.setCurrentIndex(index)
    line = combo.lineEdit()
    assert line is not None
    line.setPlaceholderText("Not set — type to search the roles")
    return combo


class PreferencesDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle("Preferences")
        self._before = profile.settings(ctx.ws)
        self._years_before = first_run_view.current_years(ctx.ws)

        self.name = QLineEdit(self._before.name)
        self.name.setAccessibleName("Your name")
        self.name.setToolTip("Shown on the exported plan")
        self.name.setPlaceholderText("Shown on your exported plan")
        self.years = QDoubleSpinBox()
        self.years.setRange(0, 70)
        self.years.setDecimals(1)
        self.years.setSingleStep(0.5)
        self.years.setSuffix(" years")
        self.years.setValue(self._years_before)
        self.years.setAccessibleName("Years of experience")
        self.years.setToolTip("Years of professional experience, as of today")
        self.education = QComboBox()
        for key, name in EDUCATION_NAMES.items():
            self.education.addItem(name, key)
        self.education.setCurrentIndex(max(0, self.education.findData(self._before.education)))
        self.education.setAccessibleName("Education")
        self.current_role = role_combo(ctx, self._before.current_role_id)
        self.current_role.setAccessibleName("Current role")
        self.current_role.setToolTip("The role you hold now; plans climb the ladder from it")
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.5, 100)
        self.hours.setDecimals(1)
        self.hours.setSuffix(" hours")
        self.hours.setValue(self._before.hours_per_week)
        self.hours.setAccessibleName("Default hours per week")
        self.hours.setToolTip(
            "The hours a week new plans are dated with; the Plan page re-dates the current one"
        )
        self._keep_before = backups.backups_to_keep(ctx.ws)
        self.keep = QSpinBox()
        self.keep.setRange(1, backups.MAX_BACKUPS_TO_KEEP)
        self.keep.setValue(self._keep_before)
        self.keep.setSuffix(" backups")
        self.keep.setAccessibleName("Backups to keep")
        self.keep.setToolTip(
            "A copy of your data is taken once a day when the planner starts; "
            "older copies beyond this number are deleted"
        )
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setAccessibleName("Problem")
        self.error.hide()

        form = QFormLayout()
        for text, field in (
            ("&Name:", self.name),
            ("&Years of experience:", self.years),
            ("&Education:", self.education),
            ("Current &role:", self.current_role),
            ("&Hours per week:", self.hours),
            ("&Keep the last:", self.keep),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def _role_text(self) -> str:
        return self.current_role.currentText().strip()

    def _chosen_role(self) -> str | None:
        """The role id typed or picked; None when left empty. Raises NotFoundError."""
        text = self._role_text()
        if not text:
            return None
        index = self.current_role.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return str(self.current_role.itemData(index))
        return self._ctx.ws.catalog.find_role(text).id

    def accept(self) -> None:
        try:
            role_id = self._chosen_role()
        except NotFoundError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.current_role.setFocus()
            return
        before = self._before
        name = self.name.text().strip()
        years = round(self.years.value(), 1)
        education = str(self.education.currentData())
        hours = self.hours.value()
        new_name = name if name != before.name else None
        new_years = years if years != self._years_before else None
        new_education = education if education != before.education else None
        new_role = role_id if role_id != before.current_role_id else None
        new_hours = hours if hours != round(before.hours_per_week, 1) else None
        changed = (new_name, new_years, new_education, new_role, new_hours)
        if any(value is not None for value in changed):
            stored = self._ctx.run(
                lambda: profile.update_settings(
                    self._ctx.ws,
                    name=new_name,
                    years_experience=new_years,
                    education=new_education,
                    current_role=new_role,
                    hours_per_week=new_hours,
                ),
                frozenset({"profile"}),
            )
            if stored is None:
                return
        keep = self.keep.value()
        if keep != self._keep_before:
            kept = self._ctx.run(
                lambda: backups.set_backups_to_keep(self._ctx.ws, keep), frozenset()
            )
            if kept is None:
                return
        super().accept()
