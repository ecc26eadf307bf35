"""The Roles page: the catalog with live search and filters, sortable by readiness or hours;
the selected role's page beside it; compare two or three roles; set one as the target; make,
edit, delete, export and import roles of the person's own."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.services import roles_view
from planner.services.roles_view import MAX_COMPARED, SENIORITIES
from planner.ui import commands
from planner.ui.context import UiContext
from planner.ui.plain_text import plain_tooltip
from planner.ui.roles.compare import CompareDialog
from planner.ui.roles.custom import CustomRoleActions
from planner.ui.roles.detail import RoleDetail
from planner.ui.roles.list_model import (
    ROLE_ID,
    Column,
    ReadinessDelegate,
    RolesFilterProxy,
    RolesTableModel,
)

# What the readiness and hours of every role depend on.
REDRAW_ON = frozenset({"ratings", "certifications", "profile", "target"})


class RolesPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._shown: str | None = None  # the role id the detail shows
        self.compare_dialog: CompareDialog | None = None
        self._shown_once = False

        self.search = QLineEdit()
        self.search.setPlaceholderText("Title, other name or family…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search roles")
        self.search.setToolTip("Filters the list as you type (Ctrl+F)")
        self.family = QComboBox()
        self.family.setAccessibleName("Family filter")
        self.family.setToolTip("Show the roles of one family")
        self.family.addItem("All families", None)
        for family_id, name in roles_view.families(ctx.ws):
            self.family.addItem(name, family_id)
        self.seniority = QComboBox()
        self.seniority.setAccessibleName("Seniority filter")
        self.seniority.setToolTip("Show the roles of one seniority")
        self.seniority.addItem("All seniorities", None)
        for key, name in SENIORITIES:
            self.seniority.addItem(name, key)
        self.compare_button = QPushButton("&Compare…")
        self.compare_button.setAccessibleName("Compare selected roles")

        bar = QHBoxLayout()
        for text, widget, stretch in (
            ("&Search:", self.search, 3),
            ("Fa&mily:", self.family, 0),
            ("Seni&ority:", self.seniority, 0),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget, stretch)
        bar.addWidget(self.compare_button)

        self.model = RolesTableModel(self)
        self.proxy = RolesFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName("Roles")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(round(self.fontMetrics().height() * 1.6))
        self.table.setItemDelegateForColumn(Column.READINESS, ReadinessDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.count = QLabel()
        self.count.setAccessibleName("Roles shown")

        self._target_action = QAction("Set as &target", self.table)
        self._target_action.triggered.connect(self._target_current)
        self._compare_action = QAction("&Compare selected roles", self.table)
        self._compare_action.triggered.connect(self.open_compare)
        self.table.addActions([self._target_action, self._compare_action])
        # The person's own roles: in the context menu, and behind a button in the bar.
        self.custom = CustomRoleActions(ctx, self, self.current_role_id, self._catalog_changed)
        separator = QAction(self.table)
        separator.setSeparator(True)
        self.table.addAction(separator)
        self.table.addActions(list(self.custom.all))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.custom_button = QPushButton("&Your roles")
        self.custom_button.setAccessibleName("Your own roles")
        self.custom_button.setToolTip("Duplicate, edit, delete, export or import your own roles")
        menu = QMenu(self.custom_button)
        menu.addActions([self.custom.duplicate, self.custom.edit, self.custom.delete])
        menu.addSeparator()
        menu.addActions([self.custom.export, self.custom.import_, self.custom.skills])
        self.custom_button.setMenu(menu)
        bar.addWidget(self.custom_button)

        self.detail = RoleDetail()
        self.detail.setAccessibleName("Role")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)
        # The list above, the role below: both get the full width, so titles and requirements
        # read whole at 1280×800.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setSizes([2000, 3000])

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self.table.setFocus)
        self.family.currentIndexChanged.connect(self._family_changed)
        self.seniority.currentIndexChanged.connect(self._seniority_changed)
        self.compare_button.clicked.connect(self.open_compare)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._current_changed)
        selection.selectionChanged.connect(self._selection_changed)
        self.detail.neighbour_chosen.connect(self.select_role)
        self.detail.target_requested.connect(self.set_target)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_first)
        ctx.changed.connect(self._on_changed)

        self.refresh()
        self.table.sortByColumn(Column.READINESS, Qt.SortOrder.DescendingOrder)
        target = self.model.target()
        if target is not None:
            self.select_role(target.role_id)
        else:
            self._select_first()
        self._selection_changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            # Only now does the list know its height, so the chosen role can sit mid-view.
            self._shown_once = True
            if (index := self.table.currentIndex()).isValid():
                self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    # --- what the page offers -------------------------------------------------------------

    def focus_first(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def refresh(self) -> None:
        """Read readiness and hours of every role again, and the shown role's page."""
        try:
            listing = roles_view.role_listing(self._ctx.ws)
            custom = self._ctx.ws.catalog.custom_role_ids
        except PlannerError as exc:
            self._ctx.failed.emit(str(exc))
            return
        self.model.set_listing(listing, custom)
        self.table.setColumnHidden(Column.SOURCE, not custom)
        self._update_count()
        if self._shown is not None and self.model.row_of(self._shown) < 0:
            self._shown = None  # a role of the person's own that was deleted
            self._after_filter()
        elif self._shown is not None:
            self._show_role(self._shown)
        self.custom.update_enabled()

    def current_role_id(self) -> str | None:
        index = self.table.currentIndex()
        return str(index.data(ROLE_ID)) if index.isValid() else None

    def selected_role_ids(self) -> list[str]:
        rows = sorted(self.table.selectionModel().selectedRows(), key=QModelIndex.row)
        return [str(index.data(ROLE_ID)) for index in rows]

    def select_role(self, role_id: str) -> bool:
        """Make ``role_id`` the current role, clearing the filters if they hide it."""
        source_row = self.model.row_of(role_id)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            self.search.clear()
            self.family.setCurrentIndex(0)
            self.seniority.setCurrentIndex(0)
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def set_target(self, role_id: str) -> None:
        """Make ``role_id`` the target, undoably."""
        self._ctx.push(commands.set_target(self._ctx, role_id))

    def open_compare(self) -> CompareDialog | None:
        ids = self.selected_role_ids()
        if not 2 <= len(ids) <= MAX_COMPARED:
            return None
        if self.compare_dialog is not None:
            self.compare_dialog.close()
        dialog = CompareDialog(self._ctx, ids, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _=None: self._forget_dialog(dialog))
        self.compare_dialog = dialog
        dialog.show()
        return dialog

    # --- reactions ------------------------------------------------------------------------

    def _forget_dialog(self, dialog: CompareDialog) -> None:
        if self.compare_dialog is dialog:
            self.compare_dialog = None

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & REDRAW_ON:
            self.refresh()

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._after_filter()

    def _family_changed(self, _: int) -> None:
        self.proxy.set_family(self.family.currentData())
        self._after_filter()

    def _seniority_changed(self, _: int) -> None:
        self.proxy.set_seniority(self.seniority.currentData())
        self._after_filter()

    def _after_filter(self) -> None:
        self._update_count()
        if self.proxy.rowCount() == 0:
            self._shown = None
            self.detail.show_empty("No role matches the search and filters.")
            return
        current = self.table.currentIndex()
        if not current.isValid():
            self._select_first()
        elif not self.table.selectionModel().isRowSelected(current.row()):
            # The filter hid the current row and Qt moved to a neighbour: select it too.
            self.select_role(str(current.data(ROLE_ID)))

    def _select_first(self) -> None:
        if self.proxy.rowCount():
            self.select_role(str(self.proxy.index(0, 0).data(ROLE_ID)))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show_role(str(current.data(ROLE_ID)))

    def _show_role(self, role_id: str) -> None:
        try:
            page = roles_view.role_page(self._ctx.ws, role=role_id)
        except PlannerError as exc:
            self._ctx.failed.emit(str(exc))
            return
        self._shown = role_id
        self.detail.show_page(page, custom=self._ctx.ws.catalog.is_custom_role(role_id))

    def _catalog_changed(self, select: str | None) -> None:
        """After the person's own roles changed: the list again, with ``select`` current."""
        self.refresh()
        if select is not None:
            self.select_role(select)

    def _selection_changed(self, *_: object) -> None:
        self.custom.update_enabled()
        n = len(self.table.selectionModel().selectedRows())
        can = 2 <= n <= MAX_COMPARED
        self.compare_button.setEnabled(can)
        self._compare_action.setEnabled(can)
        self._target_action.setEnabled(self.table.currentIndex().isValid())
        if can:
            tip = f"Compare the {n} selected roles side by side"
        elif n > MAX_COMPARED:
            tip = f"Compare takes two or three roles; {n} are selected"
        else:
            tip = "Select two or three roles (Ctrl+click or Shift+arrows) to compare them"
        self.compare_button.setToolTip(tip)

    def _target_current(self) -> None:
        if (role_id := self.current_role_id()) is not None:
            self.set_target(role_id)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = f"{total} roles" if shown == total else f"{shown} of {total} roles"
        if self.model.target() is not None:
            text += " · ★ your target"
        skipped = self._ctx.ws.skipped_custom
        if skipped:  # stored entries that no longer fit the catalog: say so, do not stop
            text += f" · {len(skipped)} of your own entries could not be loaded"
        self.count.setText(text)
        self.count.setToolTip(plain_tooltip("\n".join(skipped)))
