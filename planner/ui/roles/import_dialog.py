"""The "Import job posting" dialog: paste a posting or open a .txt/.md file, review what was
found (keep, drop, change level and importance, add what was missed, take unknown tools as
new skills of your own), and save it all as a custom role.

Reading, extracting and saving go through planner.services.role_import; nothing is saved
before the person presses Save.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.catalog.posting import Extraction
from planner.catalog.scale import level_label
from planner.catalog.schema import EDUCATION_NAMES
from planner.errors import PlannerError
from planner.services import custom_roles, role_import
from planner.ui.context import TOPICS, UiContext
from planner.ui.plain_text import plain_tooltip
from planner.ui.roles.import_model import (
    ADDED_BY_YOU,
    Column,
    ReviewModel,
    ReviewRow,
    importance_delegate,
    level_delegate,
)
from planner.ui.skills.completer import CatalogCompleter
from planner.ui.theme import chart_palette

WINDOW_TITLE = "Import job posting"
FILE_FILTER = "Job postings (*.txt *.md *.markdown *.text);;All files (*)"
PASTED = "pasted text"
NEW_SKILL_LEVEL = 3


def ask_open_path(parent: QWidget) -> Path | None:
    """The posting file the person picks; None when they cancel (tests answer instead)."""
    name, _ = QFileDialog.getOpenFileName(parent, "Open job posting", "", FILE_FILTER)
    return Path(name) if name else None


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def _wrapping_label(accessible_name: str) -> QLabel:
    """A plain-text label that wraps and never widens the dialog, however long a word."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAccessibleName(accessible_name)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ImportRoleDialog(QDialog):
    """Review and save one posting as a custom role; ``role_saved`` gives the new id."""

    role_saved = Signal(str)

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        text: str = "",
        source: str = PASTED,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._source = source
        self._extraction: Extraction | None = None
        self.saved_role_id = ""
        self.setWindowTitle(WINDOW_TITLE)
        self.setSizeGripEnabled(True)
        self.resize(960, 700)

        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Role title")
        self.title_edit.setPlaceholderText("e.g. Senior Data Platform Engineer")
        self.title_edit.textChanged.connect(self._update_save)
        title_row = QFormLayout()
        title_label = QLabel("&Title:")
        title_label.setBuddy(self.title_edit)
        title_row.addRow(title_label, self.title_edit)

        self.posting_edit = QPlainTextEdit()
        self.posting_edit.setAccessibleName("Job posting text")
        self.posting_edit.setPlaceholderText(
            "Paste the job posting here, open a .txt or .md file, or drop one on the window."
        )
        # A long unbroken word (a URL, a hash) wraps instead of widening the dialog.
        self.posting_edit.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.posting_edit.setTabChangesFocus(True)
        self.posting_edit.setMaximumHeight(self.fontMetrics().height() * 9)
        posting_label = QLabel("Job &posting:")
        posting_label.setBuddy(self.posting_edit)
        self.open_button = QPushButton("&Open file…")
        self.open_button.setAccessibleName("Open a posting file")
        self.open_button.clicked.connect(self._choose_file)
        self.find_button = QPushButton("&Find requirements")
        self.find_button.setAccessibleName("Find requirements in the posting")
        self.find_button.setToolTip("Read the posting again and list what it asks for")
        self.find_button.clicked.connect(self.find_requirements)
        self.found_label = _wrapping_label("What was found")
        posting_bar = QHBoxLayout()
        posting_bar.addWidget(posting_label)
        posting_bar.addStretch(1)
        posting_bar.addWidget(self.open_button)
        posting_bar.addWidget(self.find_button)

        self.model = ReviewModel(self)
        self.model.dataChanged.connect(self._update_save)
        self.model.rowsInserted.connect(self._update_save)
        self.model.rowsRemoved.connect(self._update_save)
        self.model.modelReset.connect(self._update_save)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Requirements found")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self._level_delegate = level_delegate(self.table)
        self._importance_delegate = importance_delegate(self.table)
        self.table.setItemDelegateForColumn(Column.LEVEL, self._level_delegate)
        self.table.setItemDelegateForColumn(Column.IMPORTANCE, self._importance_delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.SENTENCE, QHeaderView.ResizeMode.Stretch)
        # Wide enough for the longest choice of each editable column, in this font.
        metrics = self.fontMetrics()
        pad = metrics.averageCharWidth() * 5  # room for the drop-down's arrow
        widest_level = max(metrics.horizontalAdvance(level_label(n)) for n in range(1, 6))
        self.table.setColumnWidth(Column.KEEP, metrics.horizontalAdvance("Keep") + pad)
        self.table.setColumnWidth(Column.SKILL, metrics.averageCharWidth() * 26)
        self.table.setColumnWidth(Column.LEVEL, widest_level + pad)
        self.table.setColumnWidth(Column.IMPORTANCE, metrics.horizontalAdvance("Preferred") + pad)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + metrics.height() // 2)
        table_label = QLabel(
            "&Requirements found (untick to drop; F2 changes level or importance):"
        )
        table_label.setBuddy(self.table)

        self.add_edit = QLineEdit()
        self.add_edit.setAccessibleName("Skill to add")
        self.add_edit.setPlaceholderText("A skill the posting asks for that was missed")
        self._set_completer()
        self.add_edit.installEventFilter(self)  # Enter adds the skill (eventFilter)
        self.add_button = QPushButton("&Add skill…")
        self.add_button.setAccessibleName("Add skill")
        self.add_button.clicked.connect(self.add_skill)
        add_label = QLabel("A&dd:")
        add_label.setBuddy(self.add_edit)
        add_bar = QHBoxLayout()
        add_bar.addWidget(add_label)
        add_bar.addWidget(self.add_edit, 1)
        add_bar.addWidget(self.add_button)

        self.facts_label = _wrapping_label("Years, education and certifications found")
        self.unknown_list = QListWidget()
        self.unknown_list.setAccessibleName("Tools not in the catalog")
        self.unknown_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.unknown_list.itemChanged.connect(self._unknown_toggled)
        self.unknown_label = QLabel(
            "&Not in the catalog — tick a tool to add it as your own skill:"
        )
        self.unknown_label.setBuddy(self.unknown_list)

        self.error_label = _wrapping_label("Problem")
        palette = self.error_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(chart_palette().required))
        self.error_label.setPalette(palette)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save role")
        self.save_button.setAccessibleName("Save role")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(title_row)
        layout.addLayout(posting_bar)
        layout.addWidget(self.posting_edit)
        layout.addWidget(self.found_label)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(add_bar)
        layout.addWidget(self.facts_label)
        layout.addWidget(self.unknown_label)
        layout.addWidget(self.unknown_list)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        if text:
            self.posting_edit.setPlainText(text)
            self.find_requirements()
        self._update_save()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter in the "Add" box adds the skill; it must not also press Save.
        if (
            watched is self.add_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            completer = self.add_edit.completer()
            popup = completer.popup() if completer is not None else None
            if popup is None or not popup.isVisible():  # else Enter picks from the list
                self.add_skill()
                return True
        return super().eventFilter(watched, event)

    # --- the posting ----------------------------------------------------------------------

    def _choose_file(self) -> None:
        path = ask_open_path(self)
        if path is not None:
            self.open_file(path)

    def open_file(self, path: Path) -> bool:
        """Read ``path`` into the dialog and find its requirements; False (said in the
        dialog) when it is not a posting that can be read."""
        try:
            text = role_import.read_posting(path)
        except PlannerError as exc:
            self._show_error(str(exc))
            return False
        self._source = path.name
        self.posting_edit.setPlainText(text)
        self.title_edit.clear()
        self.find_requirements()
        return True

    def find_requirements(self) -> None:
        """Read the posting in the text box and list what it asks for."""
        self._show_error("")
        text = self.posting_edit.toPlainText()
        extraction = role_import.extract(text, self._ctx.ws.catalog)
        self._extraction = extraction
        self.model.set_rows([ReviewRow.found(r) for r in extraction.requirements])
        if not self.title_edit.text().strip():
            fallback = Path(self._source).stem if self._source != PASTED else ""
            self.title_edit.setText(role_import.guess_title(extraction, fallback))
        self._show_facts(extraction)
        self.unknown_list.blockSignals(True)
        self.unknown_list.clear()
        for term in extraction.unknown_terms:
            item = QListWidgetItem(term)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(plain_tooltip(f"Tick to add {term} as your own skill"))
            self.unknown_list.addItem(item)
        self.unknown_list.blockSignals(False)
        self.unknown_label.setVisible(bool(extraction.unknown_terms))
        self.unknown_list.setVisible(bool(extraction.unknown_terms))
        # As tall as its items (up to four), so a single tool does not take a block.
        shown = min(max(self.unknown_list.count(), 1), 4)
        row = self.unknown_list.sizeHintForRow(0) if self.unknown_list.count() else 0
        frame = 2 * self.unknown_list.frameWidth() + 4
        self.unknown_list.setFixedHeight(max(row, self.fontMetrics().height()) * shown + frame)
        counts = [_count(len(extraction.requirements), "skill")]
        if extraction.unknown_terms:
            counts.append(f"{_count(len(extraction.unknown_terms), 'tool')} not in the catalog")
        self.found_label.setText(
            f"Found {', '.join(counts)}." if text.strip() else "Paste or open a posting first."
        )

    def _show_facts(self, extraction: Extraction) -> None:
        facts = []
        if extraction.min_years is not None:
            facts.append(f"At least {extraction.min_years:g} years of experience")
        for e in extraction.education:
            fields = f" in {', '.join(e.fields)}" if e.fields else ""
            facts.append(f"{EDUCATION_NAMES[e.level]}{fields} ({e.importance})")
        for c in extraction.certifications:
            facts.append(f"{c.name} ({c.importance})")
        self.facts_label.setText("Also asked for: " + "; ".join(facts) if facts else "")
        self.facts_label.setVisible(bool(facts))

    # --- changes to the rows --------------------------------------------------------------

    def _set_completer(self) -> None:
        skills = self._ctx.ws.catalog.skills.values()
        names = [(s.name, s.name) for s in skills] + [
            (a, s.name) for s in skills for a in s.aliases
        ]
        self.add_edit.setCompleter(CatalogCompleter(names, self.add_edit))

    def add_skill(self) -> bool:
        """Add the skill named in the "Add" box as a row (or keep its row); False, said in
        the dialog, when the catalog has no such skill."""
        name = self.add_edit.text().strip()
        if not name:
            self.add_edit.setFocus()
            return False
        try:
            skill = self._ctx.ws.catalog.find_skill(name)
        except PlannerError as exc:
            self._show_error(str(exc))
            return False
        self._show_error("")
        row = self.model.add(ReviewRow(skill.id, skill.name, 3, "required", ADDED_BY_YOU))
        self.table.selectRow(row)
        self.add_edit.clear()
        return True

    def _unknown_toggled(self, item: QListWidgetItem) -> None:
        name = item.text()
        if item.checkState() == Qt.CheckState.Checked:
            self.model.add(ReviewRow("", name, NEW_SKILL_LEVEL, "required", self._sentence(name)))
        else:
            self.model.remove_new(name)

    def _sentence(self, term: str) -> str:
        segments = self._extraction.segments if self._extraction else ()
        return next((s.text for s in segments if term in s.text), ADDED_BY_YOU)

    def _update_save(self, *_: object) -> None:
        ready = bool(self.title_edit.text().strip()) and bool(self.model.kept())
        self.save_button.setEnabled(ready)
        self.save_button.setToolTip(
            "" if ready else "Give the role a title and keep at least one skill"
        )

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    # --- saving ---------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the new skills ticked and the role; stays open, saying why, on a problem."""
        title = " ".join(self.title_edit.text().split())
        kept = self.model.kept()
        if not title or not kept:
            self._show_error("Give the role a title and keep at least one skill.")
            return False
        ws = self._ctx.ws
        created: list[str] = []
        try:
            choices = []
            for row in kept:
                skill_id = row.skill_id
                if row.is_new:
                    skill_id = role_import.new_custom_skill(ws, row.name, row.sentence).id
                    created.append(skill_id)
                choices.append(role_import.RequirementChoice(skill_id, row.level, row.importance))
            extraction = self._extraction or role_import.extract("", ws.catalog)
            role = role_import.build_role(
                ws, extraction, title=title, source=self._source, choices=choices
            )
            saved = role_import.save_imported_role(ws, role)
        except PlannerError as exc:
            for skill_id in created:  # a role that could not be saved leaves no skills behind
                with contextlib.suppress(PlannerError):
                    custom_roles.delete_skill(ws, skill_id)
            self._show_error(str(exc))
            return False
        self.saved_role_id = saved.id
        self._ctx.changed.emit(TOPICS)
        self.role_saved.emit(saved.id)
        self.accept()
        return True
