"""Two or three roles side by side: readiness, hours, and every requirement any of them asks,
with your level and met / short / missing for each role."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.charts import percent_text
from planner.errors import PlannerError
from planner.services import roles_view
from planner.services.roles_view import Comparison
from planner.ui.context import UiContext
from planner.ui.plain_text import plain_tooltip
from planner.ui.roles.list_model import hours_text
from planner.ui.roles.states import state_color, state_text

Index = QModelIndex | QPersistentModelIndex

# Rows before the requirements; columns before the roles.
SUMMARY_ROWS = ("Readiness", "Hours needed")
FIXED_COLUMNS = ("Requirement", "You")
REDRAW_ON = frozenset({"ratings", "certifications", "profile", "target"})


class CompareModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._c: Comparison | None = None

    def set_comparison(self, comparison: Comparison) -> None:
        self.beginResetModel()
        self._c = comparison
        self.endResetModel()

    @property
    def comparison(self) -> Comparison | None:
        return self._c

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._c is None:
            return 0
        return len(SUMMARY_ROWS) + len(self._c.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._c is None:
            return 0
        return len(FIXED_COLUMNS) + len(self._c.titles)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or self._c is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if section < len(FIXED_COLUMNS):
                return FIXED_COLUMNS[section]
            i = section - len(FIXED_COLUMNS)
            if i < len(self._c.titles):
                title = self._c.titles[i]
                return title if role == Qt.ItemDataRole.DisplayRole else plain_tooltip(title)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        c = self._c
        if c is None or not index.isValid():
            return None
        row, col = index.row(), index.column()
        role_col = col - len(FIXED_COLUMNS)
        if row < len(SUMMARY_ROWS):
            return self._summary(c, row, col, role_col, role)
        line = c.lines[row - len(SUMMARY_ROWS)]
        if col == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return line.label
            return None
        if col == 1:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return line.current
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(f"Your level: {line.current}")
            return None
        cell = line.cells[role_col]
        title = c.titles[role_col]
        if cell is None:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return "—" if role == Qt.ItemDataRole.DisplayRole else "not asked"
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(f"{title} does not ask for {line.label}")
            return None
        text = f"{cell.wanted} · {state_text(cell.state)}"
        if cell.via:
            text += f" (via {cell.via})"
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{text}, {cell.importance}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(
                f"{title} asks {cell.asked_as} at {cell.wanted} ({cell.importance}); "
                f"you have {line.current}: {state_text(cell.state)}"
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            return state_color(cell.state)
        if role == Qt.ItemDataRole.FontRole and cell.importance != "required":
            font = QFont()
            font.setItalic(True)
            return font
        return None

    @staticmethod
    def _summary(c: Comparison, row: int, col: int, role_col: int, role: int) -> object:
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if col == 0:
            return SUMMARY_ROWS[row]
        if col == 1:
            return ""
        if row == 0:
            return percent_text(c.readiness[role_col])
        return hours_text(c.hours_needed[role_col])


class CompareDialog(QDialog):
    """A window beside the main one; it follows ratings and certificates as they change."""

    def __init__(
        self, ctx: UiContext, role_ids: list[str] | tuple[str, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._role_ids = tuple(role_ids)
        self.setWindowTitle("Compare roles")
        self.setAccessibleName("Compare roles")
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        legend = QLabel(
            "Each cell: the level the role asks and how you stand against it "
            "(✓ met, ◐ short, ✗ missing). Italic: preferred rather than required; "
            "— : not asked by that role."
        )
        legend.setWordWrap(True)
        self.model = CompareModel(self)
        self.view = QTableView()
        self.view.setAccessibleName("Requirements of the compared roles")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.view.horizontalHeader()
        header.setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap  # type: ignore[operator]
        )
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(legend)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        width, height = metrics.averageCharWidth() * 170, metrics.height() * 44
        if (screen := self.screen()) is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width() * 9 // 10), min(height, room.height() * 9 // 10)
        self.resize(width, height)
        ctx.changed.connect(self._on_changed)
        self.refresh()

    @property
    def role_ids(self) -> tuple[str, ...]:
        return self._role_ids

    def refresh(self) -> None:
        try:
            comparison = roles_view.compare(self._ctx.ws, roles=self._role_ids)
        except PlannerError as exc:
            self._ctx.failed.emit(str(exc))
            return
        self.model.set_comparison(comparison)
        self.heading.setText("Comparing " + " · ".join(comparison.titles))
        header = self.view.horizontalHeader()
        # The requirement column is as wide as its names, up to a readable measure; the long
        # ones (a degree and its fields, a certificate and its alternatives) wrap.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        widest = self.fontMetrics().averageCharWidth() * 38
        header.resizeSection(0, min(self.view.sizeHintForColumn(0), widest))

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & REDRAW_ON:
            self.refresh()
