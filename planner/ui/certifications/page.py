"""The certifications page: held and planned certifications in a table, expired and
soon-to-expire ones marked; add through a dialog, remove the selected one (both undoable)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.services.certifications import CertificationView
from planner.ui import commands
from planner.ui.certifications.add_dialog import AddCertificationDialog
from planner.ui.certifications.model import (
    CREDENTIAL,
    EARNED,
    EXPIRES,
    ISSUER,
    NAME,
    STATUS,
    CertificationProxy,
    CertificationTableModel,
)
from planner.ui.context import UiContext
from planner.ui.widgets.tables import record_table


class CertificationsPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.model = CertificationTableModel(ctx, self)
        self.proxy = CertificationProxy(self)
        self.proxy.setSourceModel(self.model)
        self.dialog: AddCertificationDialog | None = None

        heading = QLabel("Certifications")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            "Certifications you hold or plan to earn. Those past their expiry are marked "
            "Expired; those ending within 90 days, Expires soon."
        )
        intro.setWordWrap(True)

        self.add_button = QPushButton("&Add…")
        self.add_button.setAccessibleName("Add certification")
        self.add_button.setToolTip("Add a certification you hold or plan to earn (Ctrl+N)")
        self.add_button.clicked.connect(self.open_add_dialog)
        self.remove_button = QPushButton("&Remove")
        self.remove_button.setAccessibleName("Remove certification")
        self.remove_button.setToolTip("Remove the selected certification (Delete); Ctrl+Z undoes")
        self.remove_button.clicked.connect(self.remove_selected)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName("Summary")

        self.table = self._build_table()
        self.empty_label = QLabel(
            "No certifications yet. Press Add… to record one you hold, or one you plan to earn."
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName("About the selected certification")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        add_action = QAction("Add certification", self)
        add_action.setShortcut(QKeySequence.StandardKey.New)
        add_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        add_action.triggered.connect(self.open_add_dialog)
        self.addAction(add_action)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        buttons.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.detail)

        ctx.changed.connect(self._on_changed)
        self.refresh()

    def _build_table(self) -> QTableView:
        table = record_table(
            self.proxy,
            name="Your certifications",
            stretch=NAME,
            fit=(ISSUER, STATUS, EARNED, EXPIRES, CREDENTIAL),
            sort_by=STATUS,
        )
        remove = QAction("Remove certification", table)
        remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.remove_selected)
        table.addAction(remove)
        table.selectionModel().selectionChanged.connect(lambda *_: self._update_selection())
        return table

    # --- showing ----------------------------------------------------------------------------

    def _on_changed(self, topics: frozenset[str]) -> None:
        if "certifications" in topics:
            self.refresh()

    def refresh(self) -> None:
        selected = self.selected()
        self.model.refresh()
        rows = self.model.rowCount()
        self.empty_label.setVisible(rows == 0)
        if selected is not None:
            self._select_cert(selected.cert_id)
        self._update_summary()
        self._update_selection()

    def _update_summary(self) -> None:
        counts: dict[str, int] = {}
        for row in range(self.model.rowCount()):
            status = self.model.status_of(row)
            counts[status] = counts.get(status, 0) + 1
        held = counts.get("held", 0) + counts.get("soon", 0)
        parts = [f"{held} held"]
        if counts.get("soon"):
            parts.append(f"{counts['soon']} expiring soon")
        if counts.get("expired"):
            parts.append(f"{counts['expired']} expired")
        if counts.get("planned"):
            parts.append(f"{counts['planned']} planned")
        self.summary.setText(" · ".join(parts) if self.model.rowCount() else "")

    def _select_cert(self, cert_id: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.view(row).cert_id == cert_id:
                index = self.proxy.mapFromSource(self.model.index(row, NAME))
                self.table.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                return

    def selected(self) -> CertificationView | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(
            index.row(), QModelIndex()
        ):
            return None
        return self.model.view(self.proxy.mapToSource(index).row())

    def _update_selection(self) -> None:
        view = self.selected()
        self.remove_button.setEnabled(view is not None)
        if view is None:
            self.detail.setText("")
            return
        cert = self._ctx.ws.catalog.certifications.get(view.cert_id)
        if cert is None:
            self.detail.setText(f"{view.name} is no longer in the catalog.")
            return
        validity = (
            f"Valid for {cert.validity_years} year{'s' if cert.validity_years != 1 else ''}."
            if cert.validity_years
            else "The issuer sets no expiry."
        )
        about = f" {cert.description}" if cert.description else ""
        index = self.table.currentIndex().siblingAtColumn(STATUS)
        state = index.data(Qt.ItemDataRole.ToolTipRole)
        self.detail.setText(
            f"{cert.name}, issued by {cert.issuer}.{about} {validity} "
            f"Typical preparation: about {cert.prep_hours} hours.\n{state}."
        )

    def focus_first(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)
        else:
            self.add_button.setFocus()

    # --- editing ----------------------------------------------------------------------------

    def open_add_dialog(self) -> AddCertificationDialog:
        """Open the add dialog (window-modal); it adds the certification when accepted."""
        dialog = AddCertificationDialog(self._ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: AddCertificationDialog) -> None:
        if dialog.result() == AddCertificationDialog.DialogCode.Accepted and dialog.added:
            self._select_cert(dialog.added)
            self.table.setFocus()
        if self.dialog is dialog:
            self.dialog = None

    def remove_selected(self) -> None:
        view = self.selected()
        if view is not None:
            self._ctx.push(commands.remove_certification(self._ctx, view))
