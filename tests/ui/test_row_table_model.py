"""The shared part of the record tables' models: row and column counts, header texts."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from planner.ui.roles.list_model import HEADER_TIPS, HEADERS, Column, RolesTableModel
from planner.ui.skills.model import COLUMNS, SkillTableModel

DISPLAY, TIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
ACROSS, DOWN = Qt.Orientation.Horizontal, Qt.Orientation.Vertical


def test_headers_name_and_explain_each_column(qapp: object) -> None:
    model = RolesTableModel()
    assert model.columnCount() == len(Column)
    for column in Column:
        assert model.headerData(column, ACROSS, DISPLAY) == HEADERS[column]
        assert model.headerData(column, ACROSS, TIP) == HEADER_TIPS[column]
    assert model.headerData(len(Column), ACROSS, DISPLAY) is None
    assert model.headerData(-1, ACROSS, DISPLAY) is None
    assert model.headerData(0, DOWN, DISPLAY) is None
    assert model.rowCount() == 0
    assert model.rowCount(model.index(0, 0)) == 0


def test_a_model_without_tips_gives_none(workspace: object, qapp: object) -> None:
    from planner.ui.context import UiContext

    model = SkillTableModel(UiContext(workspace))  # type: ignore[arg-type]
    assert [model.headerData(i, ACROSS, DISPLAY) for i in range(model.columnCount())] == list(
        COLUMNS
    )
    assert model.headerData(0, ACROSS, TIP) is None
    assert model.columnCount(QModelIndex()) == len(COLUMNS)
