"""The role catalog as a table (title, family, seniority, readiness, hours, whether the role
is the person's own), its search and filter proxy, and the delegate that draws readiness as
a small bar."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from planner.catalog import normalise_name
from planner.charts import percent_text
from planner.charts.gauge import gauge_color
from planner.services.roles_view import RoleListing
from planner.ui.plain_text import plain_tooltip
from planner.ui.theme import chart_palette
from planner.ui.widgets.row_table_model import RowTableModel

Index = QModelIndex | QPersistentModelIndex

ROLE_ID = Qt.ItemDataRole.UserRole
SORT = Qt.ItemDataRole.UserRole + 1
READINESS = Qt.ItemDataRole.UserRole + 2


class Column(IntEnum):
    TITLE = 0
    FAMILY = 1
    SENIORITY = 2
    READINESS = 3
    HOURS = 4
    SOURCE = 5


HEADERS = {
    Column.TITLE: "Title",
    Column.FAMILY: "Family",
    Column.SENIORITY: "Seniority",
    Column.READINESS: "Readiness %",
    Column.HOURS: "Hours needed",
    Column.SOURCE: "Source",
}
HEADER_TIPS = {
    Column.TITLE: "The role's title; ★ marks your target role",
    Column.FAMILY: "The family of roles it belongs to",
    Column.SENIORITY: "Entry, mid, senior, lead or executive",
    Column.READINESS: "How ready you are for the role today, from your ratings and certificates",
    Column.HOURS: "Estimated hours of study still needed to be ready",
    Column.SOURCE: "“Custom” marks your own roles; the others come with the planner",
}
CUSTOM = "Custom"
CUSTOM_TIP = "Your own role, kept with your data (not part of the shipped catalog)"


def hours_text(hours: float) -> str:
    return f"{hours:,.0f} h"


class RolesTableModel(RowTableModel):
    """One row per catalog role, in catalog order; the proxy sorts and filters."""

    headers = tuple(HEADERS[c] for c in Column)
    header_tips = tuple(HEADER_TIPS[c] for c in Column)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RoleListing] = []
        self._custom: frozenset[str] = frozenset()

    def set_listing(self, rows: list[RoleListing], custom: frozenset[str] = frozenset()) -> None:
        """Show ``rows`` (``custom``: the ids of the person's own roles); the same roles in
        the same order are updated in place, so the selection and the sort stay where they
        are."""
        self._custom = custom
        if [r.role_id for r in rows] == [r.role_id for r in self._rows]:
            self._rows = list(rows)
            if rows:
                last = self.index(len(rows) - 1, len(Column) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def listing(self, row: int) -> RoleListing:
        return self._rows[row]

    def is_custom(self, role_id: str) -> bool:
        return role_id in self._custom

    def row_of(self, role_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.role_id == role_id:
                return i
        return -1

    def target(self) -> RoleListing | None:
        return next((r for r in self._rows if r.is_target), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        column = Column(index.column())
        if role == ROLE_ID:
            return r.role_id
        if role == READINESS:
            return r.readiness
        if column == Column.SOURCE:
            return self._source(r, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, column)
        if role == SORT:
            return self._sort_key(r, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._tooltip(r, column)
            if column == Column.TITLE and self.is_custom(r.role_id):
                tip += f"\n{CUSTOM_TIP}"
            return plain_tooltip(tip)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._display(r, column)
            if column == Column.TITLE:
                custom = ", your custom role" if self.is_custom(r.role_id) else ""
                return r.title + custom + (", your target role" if r.is_target else "")
            return text
        if role == Qt.ItemDataRole.FontRole and r.is_target:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.READINESS,
            Column.HOURS,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _source(self, r: RoleListing, role: int) -> object:
        custom = self.is_custom(r.role_id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return CUSTOM if custom else ""
        if role == SORT:
            return 0 if custom else 1  # descending puts the catalog's first, as it ships
        if role == Qt.ItemDataRole.ToolTipRole and custom:
            return plain_tooltip(CUSTOM_TIP)
        if role == Qt.ItemDataRole.FontRole and custom:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    @staticmethod
    def _display(r: RoleListing, column: Column) -> str:
        if column == Column.TITLE:
            return f"★ {r.title}" if r.is_target else r.title
        if column == Column.FAMILY:
            return r.family
        if column == Column.SENIORITY:
            return r.seniority_name
        if column == Column.READINESS:
            return percent_text(r.readiness)
        return hours_text(r.hours_needed)

    @staticmethod
    def _sort_key(r: RoleListing, column: Column) -> object:
        if column == Column.TITLE:
            return r.title.casefold()
        if column == Column.FAMILY:
            return r.family.casefold()
        if column == Column.SENIORITY:
            return r.seniority_rank
        if column == Column.READINESS:
            return r.readiness
        return r.hours_needed

    @staticmethod
    def _tooltip(r: RoleListing, column: Column) -> str:
        if column == Column.TITLE:
            parts = [r.title]
            if r.also_called:
                parts.append("Also called: " + ", ".join(r.also_called))
            if r.is_target:
                parts.append("★ Your target role")
            return "\n".join(parts)
        if column == Column.READINESS:
            return f"You are {percent_text(r.readiness)} ready for {r.title}"
        if column == Column.HOURS:
            return f"About {hours_text(r.hours_needed)} of study still needed for {r.title}"
        return ""


class RolesFilterProxy(QSortFilterProxyModel):
    """Live search over title, other names and family, plus the family and seniority
    filters. Every word typed must match somewhere."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._family: str | None = None
        self._seniority: str | None = None
        self.setSortRole(SORT)
        self.setDynamicSortFilter(True)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._words = normalise_name(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_family(self, family_id: str | None) -> None:
        self.beginFilterChange()
        self._family = family_id or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_seniority(self, seniority: str | None) -> None:
        self.beginFilterChange()
        self._seniority = seniority or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def is_filtering(self) -> bool:
        return bool(self._words or self._family or self._seniority)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RolesTableModel):
            return True
        r = model.listing(source_row)
        if self._family and r.family_id != self._family:
            return False
        if self._seniority and r.seniority != self._seniority:
            return False
        if not self._words:
            return True
        words = (r.title, *r.also_called, r.family, r.family_id)
        if model.is_custom(r.role_id):  # "custom" finds the person's own roles
            words += (CUSTOM,)
        haystack = normalise_name(" ".join(words))
        return all(word in haystack for word in self._words)


class ReadinessDelegate(QStyledItemDelegate):
    """The readiness figure over a thin bar filled to it, in the gauge's colours."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget)
        percent = float(index.data(READINESS) or 0.0)
        rect = QRectF(opt.rect).adjusted(4, 0, -4, 0)
        height = max(2.0, opt.fontMetrics.height() / 5)
        track = QRectF(rect.left(), rect.bottom() - height - 2, rect.width(), height)
        palette = chart_palette()
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(palette.track))
        painter.drawRect(track)
        if percent > 0:
            painter.setBrush(QColor(gauge_color(percent, palette)))
            painter.drawRect(
                QRectF(track.left(), track.top(), track.width() * percent / 100, height)
            )
        painter.restore()
        opt.text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        text_rect.setBottom(int(track.top()))
        text_role = (
            opt.palette.ColorRole.HighlightedText
            if opt.state & QStyle.StateFlag.State_Selected
            else opt.palette.ColorRole.Text
        )
        style.drawItemText(
            painter,
            text_rect,
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            opt.palette,
            True,
            opt.text,
            text_role,
        )
