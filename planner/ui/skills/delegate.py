"""The Level cell's editor: a combo of the six level names; Enter or a choice commits."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from planner.catalog.scale import LEVEL_MEANINGS, LEVEL_NAMES, level_label

Index = QModelIndex | QPersistentModelIndex


def level_combo(parent: QWidget | None = None) -> QComboBox:
    """A combo of the whole scale, "0 None" … "5 Expert"; item data is the level."""
    combo = QComboBox(parent)
    for level in range(len(LEVEL_NAMES)):
        combo.addItem(level_label(level), level)
        combo.setItemData(level, LEVEL_MEANINGS[level], Qt.ItemDataRole.ToolTipRole)
    combo.setAccessibleName("Level")
    combo.setToolTip("The level, from 0 None to 5 Expert")
    return combo


class LevelDelegate(QStyledItemDelegate):
    """Edits a level (the model's edit role, an int) with ``level_combo``."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = level_combo(parent)
        combo.setAccessibleName("Level of this skill")
        combo.setFrame(False)
        # A choice made with the mouse or the popup commits at once, like Enter does.
        combo.activated.connect(lambda _row, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            level = index.data(Qt.ItemDataRole.EditRole)
            row = editor.findData(level)
            editor.setCurrentIndex(max(row, 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        editor.setGeometry(option.rect)  # type: ignore[attr-defined]
