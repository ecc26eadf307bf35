"""The "Add certification" dialog: a catalog certification (with a completer), held or
planned, earned date, optional expiry (the issuer's validity by default), credential id."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner.catalog.schema import Certification
from planner.errors import NotFoundError
from planner.planning.profile import add_years
from planner.ui import commands
from planner.ui.context import UiContext
from planner.ui.skills.completer import CatalogCompleter
from planner.ui.theme import chart_palette

DATE_FORMAT = "yyyy-MM-dd"


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class AddCertificationDialog(QDialog):
    """Adds one certification through the undoable ``add_certification`` command; stays
    open, saying why, when the entry cannot be added."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._today = ctx.ws.today()
        self.added = ""  # the id of the certification added, once accepted
        self.setWindowTitle("Add certification")

        catalog = ctx.ws.catalog
        names = [(c.name, c.name) for c in catalog.certifications.values()]
        names += [(a, c.name) for c in catalog.certifications.values() for a in c.aliases]
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("e.g. AWS Solutions Architect Associate or SAA-C03")
        self.name_edit.setAccessibleName("Certification")
        self.name_edit.setToolTip("A certification from the catalog, by name, code or alias")
        self.name_edit.setCompleter(CatalogCompleter(names, self.name_edit))
        self.name_edit.textChanged.connect(self._update_hints)
        self.issuer_label = QLabel()
        self.issuer_label.setTextFormat(Qt.TextFormat.PlainText)
        self.issuer_label.setWordWrap(True)
        self.issuer_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.planned_check = QCheckBox("&Planned — I have not earned it yet")
        self.planned_check.setAccessibleName("Planned")
        self.planned_check.toggled.connect(self._update_enabled)

        self.earned_edit = QDateEdit(to_qdate(self._today))
        self.earned_edit.setCalendarPopup(True)
        self.earned_edit.setDisplayFormat(DATE_FORMAT)
        self.earned_edit.setMaximumDate(to_qdate(self._today))
        self.earned_edit.setAccessibleName("Earned on")
        self.earned_edit.setToolTip("The day you earned it (Alt+Down opens a calendar)")
        self.earned_edit.dateChanged.connect(self._update_hints)

        self.expires_check = QCheckBox("&Set the expiry date")
        self.expires_check.setAccessibleName("Set the expiry date")
        self.expires_check.setToolTip("Leave unticked to use the issuer's validity period")
        self.expires_check.toggled.connect(self._update_enabled)
        self.expires_edit = QDateEdit(to_qdate(self._today))
        self.expires_edit.setCalendarPopup(True)
        self.expires_edit.setDisplayFormat(DATE_FORMAT)
        self.expires_edit.setAccessibleName("Expires on")
        self.expires_edit.setToolTip("The day it stops being valid")
        self.expiry_hint = QLabel()
        self.expiry_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.expiry_hint.setWordWrap(True)
        self.expiry_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.credential_edit = QLineEdit()
        self.credential_edit.setAccessibleName("Credential id")
        self.credential_edit.setPlaceholderText("optional")
        self.credential_edit.setToolTip("The id on the certificate, to find it again (optional)")

        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Problem")
        palette = self.message.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(chart_palette().required))
        self.message.setPalette(palette)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Add")
        ok.setAccessibleName("Add certification")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        expiry_row = QHBoxLayout()
        expiry_row.addWidget(self.expires_check)
        expiry_row.addWidget(self.expires_edit, 1)
        form = QFormLayout()
        form.addRow("&Certification:", self.name_edit)
        form.addRow("", self.issuer_label)
        form.addRow("", self.planned_check)
        form.addRow("&Earned on:", self.earned_edit)
        form.addRow("Expires:", expiry_row)
        form.addRow("", self.expiry_hint)
        form.addRow("C&redential id:", self.credential_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        self._update_enabled()

    # --- what the fields say ------------------------------------------------------------------

    def certification(self) -> Certification | None:
        text = self.name_edit.text().strip()
        if not text:
            return None
        try:
            return self._ctx.ws.catalog.find_certification(text)
        except NotFoundError:
            return None

    def default_expiry(self) -> date | None:
        """The expiry the issuer's validity gives for the earned date, if it sets one."""
        cert = self.certification()
        if cert is None or not cert.validity_years or self.planned_check.isChecked():
            return None
        return add_years(to_date(self.earned_edit.date()), cert.validity_years)

    def _update_enabled(self) -> None:
        planned = self.planned_check.isChecked()
        self.earned_edit.setEnabled(not planned)
        self.expires_check.setEnabled(not planned)
        self.expires_edit.setEnabled(not planned and self.expires_check.isChecked())
        self._update_hints()

    def _update_hints(self) -> None:
        self.message.clear()
        cert = self.certification()
        if cert is None:
            self.issuer_label.setText(
                "Type a certification's name or code; suggestions come from the catalog."
                if not self.name_edit.text().strip()
                else "Not a certification in the catalog yet — keep typing or pick a suggestion."
            )
        else:
            self.issuer_label.setText(f"{cert.name} — issued by {cert.issuer}")
        if self.planned_check.isChecked():
            self.expiry_hint.setText("A planned certification has no dates yet.")
        elif cert is None:
            self.expiry_hint.setText("Leave the expiry unset to use the issuer's validity.")
        elif cert.validity_years:
            default = self.default_expiry()
            years = f"{cert.validity_years} year{'s' if cert.validity_years != 1 else ''}"
            self.expiry_hint.setText(
                f"{cert.issuer} sets a validity of {years}: left unset, it expires on "
                f"{default.isoformat() if default else '?'}."
            )
            if not self.expires_check.isChecked() and default is not None:
                self.expires_edit.setDate(to_qdate(default))
        else:
            self.expiry_hint.setText(f"{cert.issuer} sets no expiry for this certification.")

    # --- adding -------------------------------------------------------------------------------

    def fields(self) -> dict[str, object]:
        """The keyword arguments of ``services.certifications.add_certification``."""
        cert = self.certification()
        planned = self.planned_check.isChecked()
        earned = None if planned else to_date(self.earned_edit.date())
        expires = (
            to_date(self.expires_edit.date())
            if not planned and self.expires_check.isChecked()
            else None
        )
        return {
            "certification": cert.id if cert else self.name_edit.text().strip(),
            "earned_on": earned,
            "expires_on": expires,
            "credential_id": self.credential_edit.text().strip(),
            "planned": planned,
        }

    def accept(self) -> None:
        text = self.name_edit.text().strip()
        if not text:
            self._refuse("Choose a certification first.", self.name_edit)
            return
        if self.certification() is None:
            catalog = self._ctx.ws.catalog
            close = [
                catalog.certifications[i].name
                for i in catalog.certification_index.suggestions(text)
            ]
            hint = f" Did you mean {' or '.join(close)}?" if close else ""
            self._refuse(
                f"There is no certification called “{text}” in the catalog.{hint}", self.name_edit
            )
            return
        fields = self.fields()
        earned, expires = fields["earned_on"], fields["expires_on"]
        if isinstance(earned, date) and isinstance(expires, date) and expires < earned:
            self._refuse("The expiry date is before the date it was earned.", self.expires_edit)
            return
        if self._ctx.push(commands.add_certification(self._ctx, **fields)):
            self.added = str(fields["certification"])
            super().accept()

    def _refuse(self, text: str, field: QWidget) -> None:
        self.message.setText(text)
        field.setFocus()
