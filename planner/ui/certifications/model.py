"""The table of certifications held and planned, with expired and soon-to-expire ones
marked in words and in a colour that reads on light and dark backgrounds."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPalette

from planner.services import certifications
from planner.services.certifications import EXPIRING_SOON_DAYS, CertificationView
from planner.ui.context import UiContext
from planner.ui.theme import is_dark
from planner.ui.widgets.row_table_model import RowTableModel

Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS = ("Name", "Issuer", "Status", "Earned", "Expires", "Credential id")
NAME, ISSUER, STATUS, EARNED, EXPIRES, CREDENTIAL = range(len(COLUMNS))

SOON = timedelta(days=EXPIRING_SOON_DAYS)  # "Expires soon": within this of today

# Status -> (light, dark) text colour; each keeps a contrast of at least 4.5:1 on its theme's
# table background, and the status is always written out too.
STATUS_COLORS = {
    "expired": ("#b3261e", "#ff7b72"),
    "soon": ("#8a5300", "#f2b233"),
}
STATUS_WORDS = {
    "held": "Held",
    "planned": "Planned",
    "expired": "Expired",
    "soon": "Expires soon",
}


def display_status(view: CertificationView, today: date) -> str:
    """held | planned | expired | soon (held, and expiring within ``SOON`` of today)."""
    if view.status == "held" and view.expires_on is not None and view.expires_on - today <= SOON:
        return "soon"
    return view.status


def status_color(status: str) -> QColor | None:
    pair = STATUS_COLORS.get(status)
    if pair is None:
        return None
    return QColor(pair[1] if is_dark() else pair[0])


def _date(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def _days(count: int) -> str:
    return f"{count} day{'' if count == 1 else 's'}"


class CertificationTableModel(RowTableModel):
    headers = COLUMNS

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._rows: list[CertificationView] = []
        self._today = ctx.ws.today()

    def refresh(self) -> None:
        self.beginResetModel()
        self._today = self._ctx.ws.today()
        self._rows = certifications.my_certifications(self._ctx.ws)
        self.endResetModel()

    def view(self, row: int) -> CertificationView:
        return self._rows[row]

    def views(self) -> list[CertificationView]:
        return list(self._rows)

    def status_of(self, row: int) -> str:
        return display_status(self._rows[row], self._today)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        view = self._rows[index.row()]
        column = index.column()
        status = display_status(view, self._today)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(view, column, status)
        if role == SORT_ROLE:
            return self._sort_key(view, column, status)
        if role == RECORD_ROLE:
            return view.record_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(view, status)
        if role == Qt.ItemDataRole.ForegroundRole and column in (STATUS, EXPIRES):
            color = status_color(status)
            if color is None and status == "planned":
                color = QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.FontRole and column == STATUS and status in STATUS_COLORS:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _display(self, view: CertificationView, column: int, status: str) -> str:
        if column == NAME:
            return view.name
        if column == ISSUER:
            return view.issuer
        if column == STATUS:
            return STATUS_WORDS[status]
        if column == EARNED:
            return _date(view.earned_on) or ("not yet" if view.status == "planned" else "")
        if column == EXPIRES:
            if view.expires_on is None:
                return "" if view.status == "planned" else "does not expire"
            return view.expires_on.isoformat()
        return view.credential_id

    def _sort_key(self, view: CertificationView, column: int, status: str) -> object:
        if column == EARNED:
            return (view.earned_on or date.max).toordinal()
        if column == EXPIRES:
            return (view.expires_on or date.max).toordinal()
        if column == STATUS:
            return ("expired", "soon", "held", "planned").index(status)
        return self._display(view, column, status).casefold()

    def _tooltip(self, view: CertificationView, status: str) -> str:
        expires = view.expires_on
        if status == "expired" and expires is not None:
            ago = (self._today - expires).days
            return f"Expired on {expires.isoformat()}, {_days(ago)} ago: renew it to count it again"
        if status == "soon" and expires is not None:
            left = (expires - self._today).days
            return f"Expires on {expires.isoformat()}, in {_days(left)}: plan the renewal"
        if status == "planned":
            return "Planned, not earned yet"
        if expires is not None:
            return f"Held, valid until {expires.isoformat()}"
        return "Held; it does not expire"


class CertificationProxy(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
