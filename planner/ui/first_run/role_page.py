"""First page of the set-up: welcome, and a searchable list of every role to aim for."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from planner.services import first_run_view
from planner.ui.context import UiContext
from planner.ui.first_run.draft import Draft
from planner.ui.plain_text import plain_tooltip

ROLE_ID = Qt.ItemDataRole.UserRole
SEARCH_TEXT = Qt.ItemDataRole.UserRole + 1
SUMMARY = Qt.ItemDataRole.UserRole + 2


class RoleFilter(QSortFilterProxyModel):
    """Keeps the roles whose title, other names, family or seniority hold every typed word."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_words(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        haystack = str(index.data(SEARCH_TEXT) or "")
        return all(word in haystack for word in self._words)


def _role_model(choices: list[first_run_view.RoleChoice], parent: QObject) -> QStandardItemModel:
    model = QStandardItemModel(0, 3, parent)
    model.setHorizontalHeaderLabels(["Role", "Family", "Seniority"])
    for choice in choices:
        title = QStandardItem(choice.title)
        title.setData(choice.role_id, ROLE_ID)
        title.setData(choice.summary, SUMMARY)
        words = [choice.title, *choice.also_called, choice.family, choice.seniority]
        title.setData(" ".join(words).casefold(), SEARCH_TEXT)
        if choice.also_called:
            title.setToolTip(plain_tooltip("Also called: " + ", ".join(choice.also_called)))
        row = [title, QStandardItem(choice.family), QStandardItem(choice.seniority)]
        for item in row:
            item.setEditable(False)
        model.appendRow(row)
    return model


class ChooseRolePage(QWizardPage):
    def __init__(self, ctx: UiContext, draft: Draft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._draft = draft
        self.setTitle("Choose the role you are aiming for")
        self.setSubTitle(
            "Welcome! Three short steps give you a dated plan: choose a role, rate the skills "
            "it needs, and say how much time you have. You can skip this now and come back "
            "from File › Guided set-up."
        )
        choices = first_run_view.role_choices(ctx.ws)
        self._total = len(choices)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by title, family or seniority, e.g. “ml platform”")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search roles")
        self.search.setToolTip("Type to narrow the list; Enter picks the highlighted role")
        search_label = QLabel("&Search the roles:")
        search_label.setBuddy(self.search)

        self.model = _role_model(choices, self)
        self.proxy = RoleFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName("Roles")
        self.view.setToolTip("Double-click or press Enter to pick a role")
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.view.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)

        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the search
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("About the highlighted role")
        self.summary.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        layout = QVBoxLayout(self)
        layout.addWidget(search_label)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.summary)

        self.search.textChanged.connect(self._filter)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.doubleClicked.connect(lambda _index: self._pick())
        self.search.installEventFilter(self)
        self.view.installEventFilter(self)
        if draft.role_id is not None:
            self.select_role(draft.role_id)
        self._update_labels()

    # --- choosing -------------------------------------------------------------------------

    def chosen_role(self) -> str | None:
        rows = self.view.selectionModel().selectedRows(0)
        return str(rows[0].data(ROLE_ID)) if rows else None

    def select_role(self, role_id: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ROLE_ID) == role_id:
                self._select(index)
                return

    def _select(self, index: QModelIndex) -> None:
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)

    def _filter(self, text: str) -> None:
        self.proxy.set_words(text)
        if self.proxy.rowCount() > 0:
            best = self._best_match(text)
            if best is not None or self.chosen_role() is None:
                self._select(best or self.proxy.index(0, 0))
        self._update_labels()

    def _best_match(self, text: str) -> QModelIndex | None:
        """The first role whose own title holds every typed word ("software developer"
        should pick Software Developer, not IoT Developer of the software family)."""
        words = text.casefold().split()
        if not words:
            return None
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            title = str(index.data()).casefold()
            if all(word in title for word in words):
                return index
        return None

    def _move(self, step: int) -> None:
        rows = self.proxy.rowCount()
        if rows == 0:
            return
        current = self.view.currentIndex().row() if self.chosen_role() else -1
        self._select(self.proxy.index(max(0, min(rows - 1, current + step)), 0))

    def _pick(self) -> None:
        """Enter or a double-click: take the highlighted role and go on."""
        wizard = self.wizard()
        if self.isComplete() and wizard is not None and wizard.currentPage() is self:
            wizard.next()

    def _selection_changed(self) -> None:
        self._draft.role_id = self.chosen_role()
        self._update_labels()
        self.completeChanged.emit()

    def _update_labels(self) -> None:
        shown = self.proxy.rowCount()
        if shown == self._total:
            self.count.setText(f"{self._total} roles")
        elif shown == 0:
            self.count.setText(f"No role matches “{self.search.text().strip()}”.")
        else:
            self.count.setText(f"{shown} of {self._total} roles match")
        rows = self.view.selectionModel().selectedRows(0)
        self.summary.setText(
            f"{rows[0].data()}: {rows[0].data(SUMMARY)}" if rows else "Pick a role to go on."
        )

    def isComplete(self) -> bool:
        return self.chosen_role() is not None

    def initializePage(self) -> None:
        self.search.setFocus()

    # --- keys -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._pick()
                return True
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if key == Qt.Key.Key_Down else -1)
                return True
        return super().eventFilter(watched, event)
