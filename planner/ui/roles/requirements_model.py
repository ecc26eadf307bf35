"""A role's requirements set against the person, as a table: what is asked, what you have,
and met / short / missing in colour and in words."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from planner.planning.requirements import RequirementRow
from planner.ui.plain_text import plain_tooltip
from planner.ui.roles.states import STATE_RANK, state_color, state_text
from planner.ui.widgets.row_table_model import RowTableModel

Index = QModelIndex | QPersistentModelIndex
SORT = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    REQUIREMENT = 0
    IMPORTANCE = 1
    ASKED = 2
    YOURS = 3
    STATE = 4


HEADERS = {
    Column.REQUIREMENT: "Requirement",
    Column.IMPORTANCE: "Importance",
    Column.ASKED: "Asked",
    Column.YOURS: "You",
    Column.STATE: "State",
}
_KIND_RANK = {"skill": 0, "certification": 1, "experience": 2, "education": 3}


class RequirementsModel(RowTableModel):
    headers = tuple(HEADERS[c] for c in Column)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[RequirementRow, ...] = ()

    def set_rows(self, rows: tuple[RequirementRow, ...]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def requirement(self, row: int) -> RequirementRow:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(r, column)
        if role == SORT:
            return self._sort_key(index.row(), r, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(r))
        if column == Column.STATE and role == Qt.ItemDataRole.ForegroundRole:
            return state_color(r.state)
        if column == Column.STATE and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    @staticmethod
    def _display(r: RequirementRow, column: Column) -> str:
        if column == Column.REQUIREMENT:
            return r.label
        if column == Column.IMPORTANCE:
            return r.importance.capitalize()
        if column == Column.ASKED:
            return r.wanted
        if column == Column.YOURS:
            return r.current
        return state_text(r.state)

    @staticmethod
    def _sort_key(position: int, r: RequirementRow, column: Column) -> int:
        # One integer per cell (the catalog order breaks ties): Qt compares these natively.
        if column == Column.REQUIREMENT:
            rank = _KIND_RANK.get(r.kind, 9)
        elif column == Column.IMPORTANCE:
            rank = 0 if r.importance == "required" else 1
        elif column == Column.ASKED:
            rank = r.target if r.target is not None else -1
        elif column == Column.YOURS:
            rank = r.level if r.level is not None else -1
        else:
            rank = STATE_RANK.get(r.state, 0)
        return (rank + 1) * 10_000 + position

    @staticmethod
    def _tooltip(r: RequirementRow) -> str:
        lines = [f"{r.label} ({r.importance})", f"Asked: {r.wanted}; you: {r.current}"]
        lines.append(f"{state_text(r.state)}")
        if r.note:
            lines.append(r.note)
        return "\n".join(lines)
