"""The look every record table shares: whole rows selected one at a time, sortable, striped,
row height from the font, the first column taking the spare width."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def record_table(
    model: QAbstractItemModel,
    *,
    name: str,
    stretch: int,
    fit: Iterable[int],
    sort_by: int,
) -> QTableView:
    """A read-only (edits start in code, not by click) table of ``model``'s rows."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSortingEnabled(True)
    table.sortByColumn(sort_by, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(round(table.fontMetrics().height() * 1.6))
    header = table.horizontalHeader()
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for column in fit:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table
