"""The person's own roles on the Roles page: marked as custom, duplicated from a catalog role,
edited, deleted with their plans, exported and imported, and their custom skills listed."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from services.custom_sample import CROSSPLANE, PLATFORM

from planner.services import custom_roles as cr
from planner.services.plans import generate_plan
from planner.services.profile import set_target
from planner.services.workspace import Workspace
from planner.ui import exporting, portable
from planner.ui.context import UiContext
from planner.ui.roles import custom as custom_ui
from planner.ui.roles.edit_dialog import IMPORTANCE, LEVEL, SKILL, RoleEditDialog
from planner.ui.roles.list_model import ROLE_ID, Column
from planner.ui.roles.page import RolesPage


@pytest.fixture
def page(ctx: UiContext, qtbot: QtBot) -> RolesPage:
    widget = RolesPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """What the person answers: the copy's title, yes or no, and the files chosen. Every
    question asked is kept under "asked"."""
    given: dict[str, object] = {"title": "My cloud role", "yes": True, "asked": []}

    def ask_title(parent: QWidget, suggested: str) -> str | None:
        given["asked"].append(suggested)  # type: ignore[union-attr]
        return given["title"]  # type: ignore[return-value]

    def confirm(parent: QWidget, text: str) -> bool:
        given["asked"].append(text)  # type: ignore[union-attr]
        return bool(given["yes"])

    monkeypatch.setattr(custom_ui, "ask_title", ask_title)
    monkeypatch.setattr(custom_ui, "confirm", confirm)
    monkeypatch.setattr(exporting, "ask_save_path", lambda *a: given.get("save"))
    monkeypatch.setattr(portable, "ask_open_path", lambda *a: given.get("open"))
    return given


def shown_ids(page: RolesPage) -> list[str]:
    return [str(page.proxy.index(r, 0).data(ROLE_ID)) for r in range(page.proxy.rowCount())]


def cell(page: RolesPage, role_id: str, column: Column) -> str:
    row = shown_ids(page).index(role_id)
    return str(page.proxy.index(row, column).data() or "")


def messages(widget: QWidget) -> list[str]:
    return [b.text() for b in widget.findChildren(QMessageBox) if b.isVisible()]


def test_custom_roles_are_marked_in_the_list_and_on_their_page(
    workspace: Workspace, ctx: UiContext, qtbot: QtBot
) -> None:
    cr.duplicate_role(workspace, "cloud-architect", "Mine <b>& yours</b>")
    page = RolesPage(ctx)
    qtbot.addWidget(page)
    assert not page.table.isColumnHidden(Column.SOURCE)
    assert cell(page, "mine-b-yours-b", Column.SOURCE) == "Custom"
    assert cell(page, "cloud-architect", Column.SOURCE) == ""
    page.select_role("mine-b-yours-b")
    assert page.detail.meta.text().startswith("Your custom role · Cloud and infrastructure")
    assert page.detail.title.text() == "Mine <b>& yours</b>"
    page.search.setText("custom")
    assert shown_ids(page) == ["mine-b-yours-b"]
    assert page.custom.edit.isEnabled() and page.custom.delete.isEnabled()
    page.search.clear()
    page.select_role("cloud-architect")
    assert not page.custom.edit.isEnabled() and not page.custom.delete.isEnabled()
    assert page.custom.duplicate.isEnabled() and page.custom.export.isEnabled()


def test_without_custom_roles_the_source_column_is_hidden(page: RolesPage) -> None:
    assert page.table.isColumnHidden(Column.SOURCE)
    assert not page.custom.export.isEnabled() and not page.custom.skills.isEnabled()
    assert page.custom.import_.isEnabled()


def test_duplicate_from_the_context_menu_selects_the_copy(
    page: RolesPage, answers: dict[str, object], ctx: UiContext
) -> None:
    page.select_role("cloud-architect")
    assert page.custom.duplicate in page.table.actions()
    page.custom.duplicate.trigger()
    assert answers["asked"] == ["Cloud Architect (mine)"]
    assert page.current_role_id() == "my-cloud-role"
    assert cell(page, "my-cloud-role", Column.SOURCE) == "Custom"
    copy = ctx.ws.catalog.roles["my-cloud-role"]
    assert copy.requirements == ctx.ws.catalog.roles["cloud-architect"].requirements
    assert page.detail.title.text() == "My cloud role"
    assert page.custom.edit.isEnabled()

    answers["title"] = "Cloud Architect"  # taken: said, nothing made
    page.custom.duplicate.trigger()
    assert any("already used by role 'cloud-architect'" in m for m in messages(page))
    assert [r.id for r in cr.custom_roles(ctx.ws)] == ["my-cloud-role"]


def test_the_edit_dialog_changes_title_summary_and_requirements(
    page: RolesPage, answers: dict[str, object], ctx: UiContext, qtbot: QtBot
) -> None:
    cr.save_skill(ctx.ws, CROSSPLANE)
    cr.save_role(ctx.ws, PLATFORM)
    page.refresh()
    page.select_role("platform-engineer")
    dialog = page.custom.edit_current()
    assert isinstance(dialog, RoleEditDialog)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3
    assert dialog.combo(0, SKILL).currentText() == "Crossplane"

    dialog.title.setText("Internal platform engineer")
    dialog.summary.setPlainText("Runs the internal platform.")
    dialog.combo(0, LEVEL).setCurrentIndex(dialog.combo(0, LEVEL).findData(4))
    dialog.combo(2, IMPORTANCE).setCurrentIndex(dialog.combo(2, IMPORTANCE).findData("required"))
    dialog.table.selectRow(1)  # kubernetes goes
    dialog.remove_requirement()
    row = dialog.add_requirement()
    skill_box = dialog.table.cellWidget(row, SKILL)
    assert isinstance(skill_box, QComboBox)
    skill_box.setEditText("infrastructure AS code")  # typed, not picked: matched by name
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    assert dialog.result() == RoleEditDialog.DialogCode.Accepted
    role = ctx.ws.catalog.roles["platform-engineer"]
    assert role.title == "Internal platform engineer"
    assert role.summary == "Runs the internal platform."
    assert [(q.any_of, q.level, q.importance) for q in role.requirements] == [
        (("crossplane",), 4, "required"),
        (("go",), 2, "required"),
        (("infrastructure-as-code",), 3, "required"),
    ]
    assert cell(page, "platform-engineer", Column.TITLE) == "Internal platform engineer"
    assert page.detail.title.text() == "Internal platform engineer"


def test_the_edit_dialog_keeps_alternatives_and_refuses_a_taken_title(
    page: RolesPage, ctx: UiContext, qtbot: QtBot
) -> None:
    copy = cr.duplicate_role(ctx.ws, "cloud-architect", "Copy")
    page.refresh()
    page.select_role(copy.id)
    dialog = page.custom.edit_current()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.table.cellWidget(0, SKILL).text() == (  # type: ignore[union-attr]
        "AWS or Microsoft Azure or Google Cloud"
    )
    dialog.title.setText("Cloud Architect")
    dialog.accept()
    assert dialog.isVisible()
    assert any("'Cloud Architect' is already used" in m for m in messages(dialog))
    assert ctx.ws.catalog.roles[copy.id] == copy
    dialog.title.setText("Copy, edited")
    dialog.accept()
    assert not dialog.isVisible()
    assert ctx.ws.catalog.roles[copy.id].requirements == copy.requirements


def test_delete_says_how_many_plans_go_and_takes_them(
    page: RolesPage, answers: dict[str, object], ctx: UiContext
) -> None:
    copy = cr.duplicate_role(ctx.ws, "cloud-architect", "Doomed")
    set_target(ctx.ws, role=copy.id)
    generate_plan(ctx.ws)
    set_target(ctx.ws, role="cloud-architect")
    page.refresh()
    page.select_role(copy.id)

    answers["yes"] = False
    assert page.custom.delete_current() is None
    assert answers["asked"] == [
        "Delete your role “Doomed”? The plan made for it goes with it. This cannot be undone."
    ]
    assert copy.id in ctx.ws.catalog.roles

    answers["yes"] = True
    assert page.custom.delete_current() == 1
    assert copy.id not in shown_ids(page) and copy.id not in ctx.ws.catalog.roles
    assert page.current_role_id() is not None and page.detail.page is not None
    assert page.table.isColumnHidden(Column.SOURCE)
    assert cr.plans_made_for(ctx.ws, copy.id) == 0


def test_the_target_role_cannot_be_deleted(
    page: RolesPage, answers: dict[str, object], ctx: UiContext
) -> None:
    copy = cr.duplicate_role(ctx.ws, "devops-engineer", "Aim")
    set_target(ctx.ws, role=copy.id)
    page.refresh()
    page.select_role(copy.id)
    assert page.custom.delete_current() is None
    assert any("is your target role" in m for m in messages(page))
    assert copy.id in ctx.ws.catalog.roles


def test_export_then_import_from_the_page(
    page: RolesPage, answers: dict[str, object], ctx: UiContext, tmp_path: Path
) -> None:
    cr.save_skill(ctx.ws, CROSSPLANE)
    cr.save_role(ctx.ws, PLATFORM)
    page.refresh()
    answers["save"] = tmp_path / "mine"
    assert page.custom.export_all() == tmp_path / "mine.toml"
    exported = (tmp_path / "mine.toml").read_text()
    assert 'id = "platform-engineer"' in exported and 'id = "crossplane"' in exported

    changed = tmp_path / "changed.toml"
    changed.write_text(exported.replace('title = "Platform Engineer"', 'title = "Changed"'))
    answers["open"] = changed
    answers["yes"] = False
    assert page.custom.import_file() is None  # asked to replace, said no
    assert answers["asked"] == [
        "changed.toml holds other versions of your own platform-engineer. Replace yours "
        "with the file's?"
    ]
    assert ctx.ws.catalog.roles["platform-engineer"].title == "Platform Engineer"
    answers["yes"] = True
    result = page.custom.import_file()
    assert result is not None and result.replaced_roles == ("platform-engineer",)
    assert cell(page, "platform-engineer", Column.TITLE) == "Changed"
    assert page.current_role_id() == "platform-engineer"

    answers["open"] = tmp_path / "missing.toml"
    assert page.custom.import_file() is None
    assert any("cannot be read" in m for m in messages(page))


def test_custom_skills_are_listed_and_deleted_when_no_role_needs_them(
    page: RolesPage, answers: dict[str, object], ctx: UiContext, qtbot: QtBot
) -> None:
    cr.save_skill(ctx.ws, CROSSPLANE)
    cr.save_role(ctx.ws, PLATFORM)
    page.refresh()
    assert page.custom.skills.isEnabled()
    dialog = page.custom.open_skills()
    qtbot.addWidget(dialog)
    assert dialog.skill_ids() == ["crossplane"]
    assert dialog.table.item(0, dialog.USED_BY).text() == "Platform Engineer"
    dialog.table.selectRow(0)
    assert not dialog.delete_selected()
    assert any("'Platform Engineer' require it" in m for m in messages(dialog))

    cr.delete_role(ctx.ws, "platform-engineer")
    dialog.reload()
    dialog.table.selectRow(0)
    assert dialog.delete_selected()
    assert dialog.skill_ids() == [] and dialog.empty.isVisibleTo(dialog)
    assert "crossplane" not in ctx.ws.catalog.skills
    dialog.close()
    assert not page.custom.skills.isEnabled()


def test_the_your_roles_button_holds_every_action(page: RolesPage) -> None:
    menu = page.custom_button.menu()
    assert menu is not None
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == [a.text() for a in page.custom.all]
    assert Qt.ContextMenuPolicy.ActionsContextMenu == page.table.contextMenuPolicy()


def test_entries_that_could_not_be_loaded_are_mentioned(
    workspace: Workspace, ctx: UiContext, qtbot: QtBot
) -> None:
    cr.duplicate_role(workspace, "devops-engineer", "Ops")
    workspace.close()
    with closing(sqlite3.connect(workspace.database_file)) as db, db:
        db.execute("UPDATE custom_role SET definition = 'not json'")
    page = RolesPage(ctx)
    qtbot.addWidget(page)
    assert page.count.text().endswith("· 1 of your own entries could not be loaded")
    assert "custom role 'ops'" in page.count.toolTip()
    assert "ops" not in shown_ids(page)


def test_the_question_shows_names_as_typed_and_defaults_to_no(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[tuple[str, Qt.TextFormat, bool]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        no = box.defaultButton() is box.button(QMessageBox.StandardButton.No)
        seen.append((box.text(), box.textFormat(), no))
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, answer)
    assert custom_ui.confirm(parent, "Delete your role “<b>R&D</b>”?")
    assert seen == [("Delete your role “<b>R&D</b>”?", Qt.TextFormat.PlainText, True)]
