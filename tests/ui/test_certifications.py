"""The certifications page: adding through the dialog (with the issuer's expiry), expired and
soon-to-expire marks, planned ones, and removing with undo."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from planner.services import certifications
from planner.ui.certifications.add_dialog import AddCertificationDialog
from planner.ui.certifications.model import EARNED, EXPIRES, NAME, STATUS
from planner.ui.certifications.page import CertificationsPage
from planner.ui.context import UiContext
from planner.ui.pages import PAGES

# The tests' "today" is 2026-11-23 (tests/conftest.py).


def make_page(ctx: UiContext, qtbot: QtBot) -> CertificationsPage:
    page = CertificationsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def stored(ctx: UiContext) -> list[tuple[str, str, date | None, date | None, str]]:
    return [
        (v.cert_id, v.status, v.earned_on, v.expires_on, v.credential_id)
        for v in certifications.my_certifications(ctx.ws)
    ]


def row_of(page: CertificationsPage, name: str) -> int:
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, NAME).data() == name:
            return row
    raise AssertionError(f"{name} is not in the table")


def cell(page: CertificationsPage, name: str, column: int) -> str:
    return str(page.proxy.index(row_of(page, name), column).data())


def ok_button(dialog: AddCertificationDialog) -> object:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_adding_through_the_dialog_uses_the_issuer_validity(ctx: UiContext, qtbot: QtBot) -> None:
    page = make_page(ctx, qtbot)
    assert page.empty_label.isVisible()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, AddCertificationDialog)
    assert dialog.earned_edit.calendarPopup()

    qtbot.keyClicks(dialog.name_edit, "SAA-C03")
    assert "Amazon Web Services" in dialog.issuer_label.text()
    dialog.earned_edit.setDate(QDate(2025, 6, 1))
    assert "2028-06-01" in dialog.expiry_hint.text()  # the hint shows the default expiry
    assert not dialog.expires_edit.isEnabled()
    qtbot.keyClicks(dialog.credential_edit, "AWS-123")
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]

    assert stored(ctx) == [
        (
            "aws-solutions-architect-associate",
            "held",
            date(2025, 6, 1),
            date(2028, 6, 1),
            "AWS-123",
        )
    ]
    name = "AWS Certified Solutions Architect – Associate"
    assert cell(page, name, STATUS) == "Held"
    assert cell(page, name, EARNED) == "2025-06-01"
    assert cell(page, name, EXPIRES) == "2028-06-01"
    assert page.selected() is not None and page.selected().cert_id == (  # type: ignore[union-attr]
        "aws-solutions-architect-associate"
    )
    assert not page.empty_label.isVisible()
    assert page.dialog is None

    ctx.undo_stack.undo()
    assert stored(ctx) == []
    assert page.proxy.rowCount() == 0


def test_an_expiry_set_by_hand_wins(ctx: UiContext, qtbot: QtBot) -> None:
    page = make_page(ctx, qtbot)
    dialog = page.open_add_dialog()
    qtbot.keyClicks(dialog.name_edit, "cka")
    dialog.earned_edit.setDate(QDate(2026, 1, 10))
    qtbot.mouseClick(dialog.expires_check, Qt.MouseButton.LeftButton)
    assert dialog.expires_edit.isEnabled()
    dialog.expires_edit.setDate(QDate(2027, 6, 30))
    dialog.accept()
    assert stored(ctx) == [("cka", "held", date(2026, 1, 10), date(2027, 6, 30), "")]


def test_an_unknown_name_or_a_backwards_expiry_keeps_the_dialog_open(
    ctx: UiContext, qtbot: QtBot
) -> None:
    page = make_page(ctx, qtbot)
    dialog = page.open_add_dialog()
    qtbot.keyClicks(dialog.name_edit, "Underwater basket weaving")
    dialog.accept()
    assert dialog.isVisible()
    assert "Underwater basket weaving" in dialog.message.text()

    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "CKA")
    dialog.earned_edit.setDate(QDate(2026, 1, 10))
    dialog.expires_check.setChecked(True)
    dialog.expires_edit.setDate(QDate(2025, 1, 1))
    dialog.accept()
    assert dialog.isVisible()
    assert "before" in dialog.message.text()
    assert stored(ctx) == []
    dialog.reject()


def test_a_planned_certification_has_no_dates(ctx: UiContext, qtbot: QtBot) -> None:
    page = make_page(ctx, qtbot)
    dialog = page.open_add_dialog()
    qtbot.keyClicks(dialog.name_edit, "Terraform Associate")
    qtbot.mouseClick(dialog.planned_check, Qt.MouseButton.LeftButton)
    assert not dialog.earned_edit.isEnabled()
    dialog.accept()
    assert stored(ctx) == [("terraform-associate", "planned", None, None, "")]
    assert cell(page, "HashiCorp Certified: Terraform Associate", STATUS) == "Planned"


def test_expired_and_soon_to_expire_are_marked(ctx: UiContext, qtbot: QtBot) -> None:
    ws = ctx.ws
    certifications.add_certification(ws, certification="ccna", earned_on=date(2020, 3, 1))
    certifications.add_certification(ws, certification="pmp", earned_on=date(2024, 1, 15))
    certifications.add_certification(ws, certification="cka", earned_on=date(2026, 2, 1))
    page = make_page(ctx, qtbot)

    names = {v.cert_id: v.name for v in certifications.my_certifications(ws)}
    assert cell(page, names["ccna"], STATUS) == "Expired"  # 2023-03-01
    assert cell(page, names["pmp"], STATUS) == "Expires soon"  # 2027-01-15: 53 days
    assert cell(page, names["cka"], STATUS) == "Held"  # 2028-02-01
    expired = page.proxy.index(row_of(page, names["ccna"]), STATUS)
    soon = page.proxy.index(row_of(page, names["pmp"]), STATUS)
    held = page.proxy.index(row_of(page, names["cka"]), STATUS)
    assert isinstance(expired.data(Qt.ItemDataRole.ForegroundRole), QBrush)
    assert isinstance(soon.data(Qt.ItemDataRole.ForegroundRole), QBrush)
    assert held.data(Qt.ItemDataRole.ForegroundRole) is None
    assert "ago" in expired.data(Qt.ItemDataRole.ToolTipRole)
    assert "in 53 days" in soon.data(Qt.ItemDataRole.ToolTipRole)
    assert "1 expiring soon" in page.summary.text()
    assert "1 expired" in page.summary.text()


def test_removing_the_selected_one_and_undoing(ctx: UiContext, qtbot: QtBot) -> None:
    ws = ctx.ws
    certifications.add_certification(
        ws, certification="cka", earned_on=date(2026, 2, 1), credential_id="LF-9"
    )
    certifications.add_certification(ws, certification="ckad", earned_on=date(2026, 3, 1))
    page = make_page(ctx, qtbot)
    assert not page.remove_button.isEnabled()
    cka = next(v.name for v in certifications.my_certifications(ws) if v.cert_id == "cka")
    page.table.selectRow(row_of(page, cka))
    assert page.remove_button.isEnabled()
    assert "CKA" in page.detail.text() or "Kubernetes" in page.detail.text()

    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert [c for c, *_ in stored(ctx)] == ["ckad"]
    assert page.proxy.rowCount() == 1

    ctx.undo_stack.undo()
    assert sorted(stored(ctx)) == [
        ("cka", "held", date(2026, 2, 1), date(2028, 2, 1), "LF-9"),
        ("ckad", "held", date(2026, 3, 1), date(2028, 3, 1), ""),
    ]
    assert page.proxy.rowCount() == 2
    ctx.undo_stack.redo()
    assert [c for c, *_ in stored(ctx)] == ["ckad"]


def test_the_page_registry_builds_the_certifications_page(ctx: UiContext, qtbot: QtBot) -> None:
    info = next(p for p in PAGES if p.key == "certifications")
    page = info.create(ctx)
    qtbot.addWidget(page)
    assert isinstance(page, CertificationsPage)


def test_every_control_has_an_accessible_name(ctx: UiContext, qtbot: QtBot) -> None:
    page = make_page(ctx, qtbot)
    dialog = page.open_add_dialog()
    controls = [
        page.add_button,
        page.remove_button,
        page.table,
        dialog.name_edit,
        dialog.planned_check,
        dialog.earned_edit,
        dialog.expires_check,
        dialog.expires_edit,
        dialog.credential_edit,
    ]
    for control in controls:
        assert control.accessibleName(), control
    dialog.reject()
