"""The table of the person's skills (Skill, Category, Level, Last changed) and its proxy.

Editing the Level cell pushes an undoable rating; the model itself never writes."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from planner.catalog.scale import LEVEL_MEANINGS, MAX_LEVEL, MIN_LEVEL, level_label
from planner.services import skills
from planner.services.skills import SkillRow
from planner.ui import commands
from planner.ui.context import UiContext
from planner.ui.plain_text import plain_tooltip
from planner.ui.widgets.row_table_model import RowTableModel

Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole
SKILL_ID_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS = ("Skill", "Category", "Level", "Last changed")
SKILL, CATEGORY, LEVEL, CHANGED = range(len(COLUMNS))


def local_time(when: datetime) -> datetime:
    """A stored time (UTC, or naive meaning UTC) in the computer's own time zone."""
    return when.astimezone() if when.tzinfo is not None else when


class SkillTableModel(RowTableModel):
    headers = COLUMNS

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._rows: list[SkillRow] = []
        self._unannounced: set[int] = set()  # rows changed since the views were last told

    # --- reading ----------------------------------------------------------------------------

    def refresh(self, *, announce: bool = True) -> None:
        """Read the skills again. When the same skills are there, the rows change in place
        (an editor open on the table survives); otherwise the model resets.

        With ``announce`` False (the page is not on screen) changed rows are only noted, and
        told to the views by the next refresh that announces: each announcement makes the
        table refit its columns over every row.
        """
        rows = skills.my_skills(self._ctx.ws)
        if [r.skill_id for r in rows] != [r.skill_id for r in self._rows]:
            self.beginResetModel()
            self._rows = rows
            self._unannounced.clear()
            self.endResetModel()
            return
        changed = [
            row for row, (old, new) in enumerate(zip(self._rows, rows, strict=True)) if old != new
        ]
        for row in changed:  # the rows that did not change keep their objects: less garbage
            self._rows[row] = rows[row]
        self._unannounced.update(changed)
        if announce:
            for row in sorted(self._unannounced):  # a rating changes one row
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            self._unannounced.clear()

    def skill_row(self, row: int) -> SkillRow:
        return self._rows[row]

    def row_of(self, skill_id: str) -> int:
        for row, item in enumerate(self._rows):
            if item.skill_id == skill_id:
                return row
        return -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return row.level if column == LEVEL else self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == SKILL_ID_ROLE:
            return row.skill_id
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._tooltip(row, column)
            return plain_tooltip(tip) if tip else None
        return None

    def _display(self, row: SkillRow, column: int) -> str:
        if column == SKILL:
            return row.name
        if column == CATEGORY:
            return row.category
        if column == LEVEL:
            return level_label(row.level)
        return local_time(row.last_rated).strftime("%Y-%m-%d")

    @staticmethod
    def _sort_key(row: SkillRow, column: int) -> object:
        if column == SKILL:
            return row.name.casefold()
        if column == CATEGORY:
            return f"{row.category.casefold()}\t{row.name.casefold()}"
        if column == LEVEL:
            return row.level
        return local_time(row.last_rated).timestamp()

    def _tooltip(self, row: SkillRow, column: int) -> str | None:
        if column == SKILL:
            skill = self._ctx.ws.catalog.skills.get(row.skill_id)
            return f"{row.name}: {skill.description}" if skill else row.name
        if column == LEVEL:
            editable = row.skill_id in self._ctx.ws.catalog.skills
            hint = " — double-click or press F2 to change" if editable else ""
            return f"{level_label(row.level)}: {LEVEL_MEANINGS[row.level]}{hint}"
        if column == CHANGED:
            return "Last rated " + local_time(row.last_rated).strftime("%Y-%m-%d %H:%M")
        return None

    # --- editing ----------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if (
            index.isValid()
            and index.column() == LEVEL
            and self._rows[index.row()].skill_id in self._ctx.ws.catalog.skills
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A new level in the Level cell becomes an undoable rating (Ctrl+Z takes it back)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != LEVEL:
            return False
        try:
            level = int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return False
        row = self._rows[index.row()]
        if not MIN_LEVEL <= level <= MAX_LEVEL or level == row.level:
            return False
        if row.skill_id not in self._ctx.ws.catalog.skills:
            return False
        return self._ctx.push(commands.rate_skill(self._ctx, row.skill_id, level))


class SkillFilterProxy(QSortFilterProxyModel):
    """Sorts by each column's own key (levels as numbers, dates as times) and filters on
    every column, case-insensitively."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setDynamicSortFilter(True)
