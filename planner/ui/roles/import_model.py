"""The review table of a job posting's requirements: keep or drop each row, change its level
and importance, see the sentence it came from. Rows for tools the catalog does not know yet
are marked "new" until they are saved as the person's own skills."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from planner.catalog.posting import FoundRequirement
from planner.catalog.scale import MAX_LEVEL, level_label
from planner.catalog.schema import Importance
from planner.ui.plain_text import plain_tooltip
from planner.ui.widgets.row_table_model import RowTableModel

Index = QModelIndex | QPersistentModelIndex
IMPORTANCES: tuple[Importance, ...] = ("required", "preferred")
ADDED_BY_YOU = "Added by you in the review"


class Column(IntEnum):
    KEEP = 0
    SKILL = 1
    LEVEL = 2
    IMPORTANCE = 3
    SENTENCE = 4


HEADERS = {
    Column.KEEP: "Keep",
    Column.SKILL: "Skill",
    Column.LEVEL: "Level",
    Column.IMPORTANCE: "Importance",
    Column.SENTENCE: "Found in",
}


@dataclass(frozen=True)
class ReviewRow:
    """One requirement as the person sees it. ``skill_id`` is "" for a new skill that is
    saved (as ``name``) together with the role."""

    skill_id: str
    name: str
    level: int
    importance: Importance
    sentence: str
    keep: bool = True

    @property
    def is_new(self) -> bool:
        return not self.skill_id

    @classmethod
    def found(cls, r: FoundRequirement) -> ReviewRow:
        return cls(r.skill_id, r.name, r.level, r.importance, r.sentence)


class ReviewModel(RowTableModel):
    headers = tuple(HEADERS[c] for c in Column)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ReviewRow] = []

    # --- the rows -------------------------------------------------------------------------

    def set_rows(self, rows: list[ReviewRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[ReviewRow]:
        return list(self._rows)

    def kept(self) -> list[ReviewRow]:
        return [r for r in self._rows if r.keep]

    def row_of(self, *, skill_id: str = "", name: str = "") -> int:
        """The row of a catalog skill (by id) or a new one (by name), or -1."""
        for n, r in enumerate(self._rows):
            if (skill_id and r.skill_id == skill_id) or (
                name and r.is_new and r.name.casefold() == name.casefold()
            ):
                return n
        return -1

    def add(self, row: ReviewRow) -> int:
        """Add ``row`` (or keep the existing row of the same skill); returns its position."""
        existing = self.row_of(skill_id=row.skill_id, name="" if row.skill_id else row.name)
        if existing >= 0:
            self._update(existing, replace(self._rows[existing], keep=True))
            return existing
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(row)
        self.endInsertRows()
        return len(self._rows) - 1

    def remove_new(self, name: str) -> None:
        position = self.row_of(name=name)
        if position >= 0 and self._rows[position].is_new:
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position]
            self.endRemoveRows()

    def _update(self, position: int, row: ReviewRow) -> None:
        self._rows[position] = row
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(Column) - 1))

    # --- Qt's model interface -------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        column = Column(index.column())
        if column == Column.KEEP:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if column in (Column.LEVEL, Column.IMPORTANCE):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        column = Column(index.column())
        if column == Column.KEEP and role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if r.keep else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(r, column, role == Qt.ItemDataRole.AccessibleTextRole)
        if role == Qt.ItemDataRole.EditRole:
            if column == Column.LEVEL:
                return r.level
            if column == Column.IMPORTANCE:
                return r.importance
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(r, column))
        return None

    @staticmethod
    def _text(r: ReviewRow, column: Column, accessible: bool) -> str:
        if column == Column.KEEP:
            return ("kept" if r.keep else "dropped") if accessible else ""
        if column == Column.SKILL:
            return f"{r.name} (new)" if r.is_new else r.name
        if column == Column.LEVEL:
            return level_label(r.level)
        if column == Column.IMPORTANCE:
            return r.importance.capitalize()
        return " ".join(r.sentence.split())

    @staticmethod
    def _tooltip(r: ReviewRow, column: Column) -> str:
        if column == Column.KEEP:
            return "Untick to leave this skill out of the role"
        if column == Column.SKILL and r.is_new:
            return f"{r.name} is not in the catalog; saving adds it as your own skill"
        return r.sentence

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        r = self._rows[index.row()]
        column = Column(index.column())
        if column == Column.KEEP and role == Qt.ItemDataRole.CheckStateRole:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
            self._update(index.row(), replace(r, keep=checked))
            return True
        if role != Qt.ItemDataRole.EditRole:
            return False
        if column == Column.LEVEL and isinstance(value, int) and 1 <= value <= MAX_LEVEL:
            self._update(index.row(), replace(r, level=value))
            return True
        if column == Column.IMPORTANCE and value in IMPORTANCES:
            importance: Importance = "required" if value == "required" else "preferred"
            self._update(index.row(), replace(r, importance=importance))
            return True
        return False


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell with a drop-down of fixed choices: (shown text, stored value) pairs."""

    def __init__(self, choices: list[tuple[str, object]], name: str, parent: QObject) -> None:
        super().__init__(parent)
        self._choices = choices
        self._name = name

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QComboBox(parent)
        editor.setAccessibleName(self._name)
        for text, value in self._choices:
            editor.addItem(text, value)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        position = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(position, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def level_delegate(parent: QObject) -> ChoiceDelegate:
    choices: list[tuple[str, object]] = [(level_label(n), n) for n in range(1, MAX_LEVEL + 1)]
    return ChoiceDelegate(choices, "Level", parent)


def importance_delegate(parent: QObject) -> ChoiceDelegate:
    choices: list[tuple[str, object]] = [(i.capitalize(), i) for i in IMPORTANCES]
    return ChoiceDelegate(choices, "Importance", parent)
