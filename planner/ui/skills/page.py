"""The skills page: the person's skills in a sortable, filterable table whose Level cells are
edited in place, a row to add a skill from the catalog, and the selected skill's history."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.catalog.scale import level_label
from planner.errors import NotFoundError
from planner.ui import commands
from planner.ui.context import UiContext
from planner.ui.skills.completer import CatalogCompleter
from planner.ui.skills.delegate import LevelDelegate, level_combo
from planner.ui.skills.history import SkillDetail
from planner.ui.skills.model import (
    CATEGORY,
    CHANGED,
    LEVEL,
    SKILL,
    SKILL_ID_ROLE,
    SkillFilterProxy,
    SkillTableModel,
)
from planner.ui.theme import chart_palette
from planner.ui.widgets.tables import record_table

DEFAULT_NEW_LEVEL = 2  # Beginner: the usual answer for a skill someone chooses to add


class SkillsPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._stale = False  # ratings changed while the page was hidden
        self.model = SkillTableModel(ctx, self)
        self.proxy = SkillFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        heading = QLabel("Skills")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            "Your skills on the 0–5 scale. Double-click a skill (or press F2) to change its "
            "level; Ctrl+Z takes a change back."
        )
        intro.setWordWrap(True)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by skill, category or level")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter skills")
        self.filter_edit.setToolTip("Show only the skills whose name, category or level match")
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        filter_label = QLabel("&Filter:")
        filter_label.setBuddy(self.filter_edit)

        self.table = self._build_table()
        self.empty_label = QLabel(
            "You have not rated any skills yet. Add one below: type its name or an alias "
            "(for example “k8s”), pick a level and press Enter."
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.add_edit = QLineEdit()
        self.add_edit.setPlaceholderText("A skill from the catalog, e.g. Kubernetes or k8s")
        self.add_edit.setAccessibleName("Skill to add")
        self.add_edit.setToolTip("Type a skill's name or alias; suggestions come from the catalog")
        self.completer = CatalogCompleter(self._skill_names(), self.add_edit)
        self.add_edit.setCompleter(self.completer)
        self.add_edit.returnPressed.connect(self.add_skill)
        self.add_level = level_combo()
        self.add_level.setAccessibleName("Level of the skill to add")
        self.add_level.setCurrentIndex(DEFAULT_NEW_LEVEL)
        self.add_button = QPushButton("&Add")
        self.add_button.setAccessibleName("Add skill")
        self.add_button.setToolTip("Rate this skill at the chosen level (Enter)")
        self.add_button.clicked.connect(self.add_skill)
        add_label = QLabel("Add a s&kill:")
        add_label.setBuddy(self.add_edit)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName("Add skill message")
        self.add_edit.textEdited.connect(lambda _text: self.message.clear())

        self.detail = SkillDetail(ctx)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        filter_row = QHBoxLayout()
        filter_row.addWidget(filter_label)
        filter_row.addWidget(self.filter_edit, 1)
        left_layout.addLayout(filter_row)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_label)
        add_row = QHBoxLayout()
        add_row.addWidget(add_label)
        add_row.addWidget(self.add_edit, 1)
        add_row.addWidget(self.add_level)
        add_row.addWidget(self.add_button)
        left_layout.addLayout(add_row)
        left_layout.addWidget(self.message)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([3000, 2000])  # 3 : 2, whatever the width turns out to be

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)

        self.setTabOrder(self.filter_edit, self.table)
        self.setTabOrder(self.table, self.add_edit)
        self.setTabOrder(self.add_edit, self.add_level)
        self.setTabOrder(self.add_level, self.add_button)
        self.setTabOrder(self.add_button, self.detail.history)

        ctx.changed.connect(self._on_changed)
        self.refresh()

    def _build_table(self) -> QTableView:
        # Editing starts from anywhere in the row (double-click, Enter, F2), always in Level.
        table = record_table(
            self.proxy,
            name="Your skills",
            stretch=SKILL,
            fit=(CATEGORY, LEVEL, CHANGED),
            sort_by=CATEGORY,
        )
        table.setItemDelegateForColumn(LEVEL, LevelDelegate(table))
        table.activated.connect(self.edit_level)
        table.installEventFilter(self)  # F2 edits the level from any column of the row
        table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        return table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and watched is getattr(self, "table", None)
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_F2
            and self.table.state() != QAbstractItemView.State.EditingState
        ):
            self.edit_level(self.table.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def _skill_names(self) -> list[tuple[str, str]]:
        catalog = self._ctx.ws.catalog
        names = [(s.name, s.name) for s in catalog.skills.values()]
        names += [(a, s.name) for s in catalog.skills.values() for a in s.aliases]
        return names

    # --- showing ----------------------------------------------------------------------------

    def _on_changed(self, topics: frozenset[str]) -> None:
        if "ratings" not in topics:
            return
        if self.isVisible():
            self.refresh()
        else:  # the rows stay current (a rating may come through the model); the view waits
            self.model.refresh(announce=False)
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self._stale = False
        selected = self.detail.skill_id
        self.model.refresh()
        empty = self.model.rowCount() == 0
        self.empty_label.setVisible(empty)
        if selected is not None and self.model.row_of(selected) >= 0:
            self.select_skill(selected, reveal=False)
        elif self.table.currentIndex().isValid():
            self._on_current_changed(self.table.currentIndex(), QModelIndex())
        else:
            self.detail.show_skill(None)

    def select_skill(self, skill_id: str, *, reveal: bool = True) -> None:
        """Select a skill's row and show its detail; ``reveal`` clears a filter hiding it."""
        row = self.model.row_of(skill_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, SKILL))
        if not index.isValid() and reveal:
            self.filter_edit.clear()
            index = self.proxy.mapFromSource(self.model.index(row, SKILL))
        if not index.isValid():
            self.detail.show_skill(skill_id)
            return
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self.detail.show_skill(skill_id)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        skill_id = current.data(SKILL_ID_ROLE) if current.isValid() else None
        if skill_id != self.detail.skill_id or skill_id is None:
            self.detail.show_skill(skill_id)
        else:
            self.detail.refresh()

    def focus_first(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)
        else:
            self.add_edit.setFocus()

    # --- editing ----------------------------------------------------------------------------

    def edit_level(self, index: QModelIndex) -> None:
        """Open the level editor of ``index``'s row."""
        if not index.isValid() or self.table.state() == QAbstractItemView.State.EditingState:
            return
        level_index = index.siblingAtColumn(LEVEL)
        if level_index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.table.setCurrentIndex(level_index)
            self.table.edit(level_index)

    def add_skill(self) -> None:
        """Rate the skill named in the add row (a name, alias or id) at the chosen level."""
        text = self.add_edit.text().strip()
        if not text:
            self._say("Type the name of a skill from the catalog first.", error=True)
            return
        catalog = self._ctx.ws.catalog
        try:
            skill = catalog.find_skill(text)
        except NotFoundError:
            close = [catalog.skills[i].name for i in catalog.skill_index.suggestions(text)]
            hint = f" Did you mean {' or '.join(close)}?" if close else ""
            self._say(f"There is no skill called “{text}” in the catalog.{hint}", error=True)
            return
        level = int(self.add_level.currentData())
        row = self.model.row_of(skill.id)
        if row >= 0 and self.model.skill_row(row).level == level:
            self._say(f"{skill.name} is already rated {level_label(level)}.", error=False)
            self.select_skill(skill.id)
            return
        if self._ctx.push(commands.rate_skill(self._ctx, skill.id, level)):
            verb = "Rated" if row >= 0 else "Added"
            self._say(f"{verb} {skill.name} at {level_label(level)}.", error=False)
            if (popup := self.completer.popup()) is not None:
                popup.hide()
            # WORKAROUND: when Enter picked a completion, QCompleter writes it into the line
            # edit after returnPressed has been handled; clear once that is over.
            QTimer.singleShot(0, self.add_edit, self.add_edit.clear)
            self.select_skill(skill.id)

    def _say(self, text: str, *, error: bool) -> None:
        palette = self.message.palette()
        color = (
            QColor(chart_palette().required)
            if error
            else self.palette().color(QPalette.ColorRole.WindowText)
        )
        palette.setColor(QPalette.ColorRole.WindowText, color)
        self.message.setPalette(palette)
        self.message.setText(text)
