"""The job-posting import dialog: real widgets offscreen, a real database, keyboard and mouse."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from planner.services.workspace import Workspace
from planner.ui.context import UiContext
from planner.ui.main_window import MainWindow
from planner.ui.roles import import_dialog
from planner.ui.roles.import_dialog import ImportRoleDialog
from planner.ui.roles.import_model import Column

POSTING = """Senior Data Platform Engineer

We build the data platform our analysts rely on.

Requirements
- 5+ years of experience in data engineering
- Deep expertise in PySpark and Postgres
- Familiarity with Kafka
- Bachelor's degree in Computer Science
- CKA is a plus

Nice to have
- Experience with Dagster, ClickHouse and dbt
"""


@pytest.fixture
def dialog(ctx: UiContext, qtbot: QtBot) -> ImportRoleDialog:
    widget = ImportRoleDialog(ctx, text=POSTING, source="posting.md")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def rows(dialog: ImportRoleDialog) -> dict[str, tuple[str, str, str, bool]]:
    """Skill name -> (level, importance, sentence, kept), as the table shows them."""
    model = dialog.model
    shown = {}
    for r in range(model.rowCount()):
        cell = lambda c, r=r: str(model.index(r, c).data())  # noqa: E731
        kept = model.index(r, Column.KEEP).data(Qt.ItemDataRole.CheckStateRole)
        shown[cell(Column.SKILL)] = (
            cell(Column.LEVEL),
            cell(Column.IMPORTANCE),
            cell(Column.SENTENCE),
            kept == Qt.CheckState.Checked,
        )
    return shown


def test_it_shows_what_the_posting_asks_for(dialog: ImportRoleDialog) -> None:
    shown = rows(dialog)
    assert shown["Apache Spark"] == (
        "5 Expert",
        "Required",
        "Deep expertise in PySpark and Postgres",
        True,
    )
    assert shown["Apache Kafka"][:2] == ("2 Beginner", "Required")
    assert shown["dbt"][1] == "Preferred"
    assert dialog.title_edit.text() == "Senior Data Platform Engineer"
    facts = dialog.facts_label.text()
    assert "5 years" in facts and "Bachelor" in facts and "Computer Science" in facts
    assert "Certified Kubernetes Administrator" in facts
    assert [dialog.unknown_list.item(i).text() for i in range(dialog.unknown_list.count())] == [
        "ClickHouse"
    ]
    sentence = dialog.model.index(0, Column.SENTENCE)
    assert sentence.data() in (sentence.data(Qt.ItemDataRole.ToolTipRole) or "")


def _cell(dialog: ImportRoleDialog, skill: str, column: Column) -> tuple[int, int]:
    names = [
        str(dialog.model.index(r, Column.SKILL).data()) for r in range(dialog.model.rowCount())
    ]
    return names.index(skill), int(column)


def test_keyboard_review_then_save_makes_a_custom_role(
    dialog: ImportRoleDialog, qtbot: QtBot, workspace: Workspace
) -> None:
    table = dialog.table
    table.setFocus()
    # Drop Kafka: its Keep box, Space.
    row, column = _cell(dialog, "Apache Kafka", Column.KEEP)
    table.setCurrentIndex(dialog.model.index(row, column))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert rows(dialog)["Apache Kafka"][3] is False
    # Spark down to Advanced: F2 opens the level's drop-down.
    row, column = _cell(dialog, "Apache Spark", Column.LEVEL)
    table.setCurrentIndex(dialog.model.index(row, column))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QComboBox) and editor.accessibleName() == "Level"
    editor.setCurrentIndex(editor.findData(4))
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits it a moment later
    qtbot.waitUntil(lambda: rows(dialog)["Apache Spark"][0] == "4 Advanced")
    # dbt up to required, the same way.
    row, column = _cell(dialog, "dbt", Column.IMPORTANCE)
    table.setCurrentIndex(dialog.model.index(row, column))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QComboBox)
    editor.setCurrentIndex(editor.findData("required"))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: rows(dialog)["dbt"][1] == "Required")
    # Add a skill that was missed, through the completer's line edit.
    dialog.add_edit.setFocus()
    qtbot.keyClicks(dialog.add_edit, "k8s")
    dialog.add_edit.completer().popup().hide()
    qtbot.keyClick(dialog.add_edit, Qt.Key.Key_Return)
    assert rows(dialog)["Kubernetes"][:2] == ("3 Working", "Required")
    assert dialog.isVisible() and dialog.saved_role_id == ""  # Enter there adds, not saves

    saved: list[str] = []
    dialog.role_saved.connect(saved.append)
    dialog.title_edit.setText("Platform Engineer")
    dialog.title_edit.setFocus()
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)  # Save is the default button
    assert saved == ["platform-engineer"]
    assert dialog.result() == ImportRoleDialog.DialogCode.Accepted
    role = workspace.catalog.roles["platform-engineer"]
    assert workspace.catalog.is_custom_role("platform-engineer")
    levels = {r.any_of[0]: (r.level, r.importance) for r in role.requirements}
    assert "kafka" not in levels
    assert levels["spark"] == (4, "required")
    assert levels["dbt"][1] == "required"
    assert levels["kubernetes"] == (3, "required")
    assert role.family == "custom" and role.sources == ("posting.md",)
    assert role.min_years_experience == 5
    assert [c.any_of for c in role.certifications] == [("cka",)]


def test_a_ticked_unknown_tool_becomes_a_custom_skill_of_the_role(
    dialog: ImportRoleDialog, workspace: Workspace
) -> None:
    item = dialog.unknown_list.item(0)
    item.setCheckState(Qt.CheckState.Checked)
    assert rows(dialog)["ClickHouse (new)"][3] is True
    item.setCheckState(Qt.CheckState.Unchecked)
    assert "ClickHouse (new)" not in rows(dialog)
    item.setCheckState(Qt.CheckState.Checked)
    assert dialog.save()
    skill = workspace.catalog.find_skill("ClickHouse")
    assert workspace.catalog.is_custom_skill(skill.id)
    role = workspace.catalog.roles[dialog.saved_role_id]
    assert skill.id in {r.any_of[0] for r in role.requirements}


def test_a_refused_save_says_why_and_leaves_nothing_behind(
    ctx: UiContext, qtbot: QtBot, workspace: Workspace
) -> None:
    first = ImportRoleDialog(ctx, text=POSTING)
    qtbot.addWidget(first)
    assert first.save()
    second = ImportRoleDialog(ctx, text=POSTING)  # the same title again
    qtbot.addWidget(second)
    second.show()
    second.unknown_list.item(0).setCheckState(Qt.CheckState.Checked)
    assert not second.save()
    assert second.error_label.isVisible() and "Senior Data Platform Engineer" in (
        second.error_label.text()
    )
    assert second.result() != ImportRoleDialog.DialogCode.Accepted
    with pytest.raises(Exception, match="ClickHouse"):
        workspace.catalog.find_skill("ClickHouse")


def test_save_needs_a_title_and_a_kept_skill(dialog: ImportRoleDialog) -> None:
    assert dialog.save_button.isEnabled()
    dialog.title_edit.clear()
    assert not dialog.save_button.isEnabled()
    dialog.title_edit.setText("X")
    for r in range(dialog.model.rowCount()):
        dialog.model.setData(
            dialog.model.index(r, Column.KEEP), Qt.CheckState.Checked.value * 0, 10
        )
    assert not dialog.save_button.isEnabled()
    assert not dialog.save()


def test_an_unknown_skill_typed_in_is_refused_with_a_hint(dialog: ImportRoleDialog) -> None:
    count = dialog.model.rowCount()
    dialog.add_edit.setText("Kubernets")
    assert not dialog.add_skill()
    assert dialog.model.rowCount() == count
    assert "kubernetes" in dialog.error_label.text().casefold()


def test_opening_files(
    dialog: ImportRoleDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    monkeypatch.setattr(import_dialog, "ask_open_path", lambda parent: bad)
    dialog.open_button.click()
    assert "not a text file" in dialog.error_label.text()
    good = tmp_path / "ml_engineer.md"
    good.write_text("Experience with PyTorch and Kubernetes is required.", encoding="utf-8")
    monkeypatch.setattr(import_dialog, "ask_open_path", lambda parent: good)
    dialog.open_button.click()
    assert not dialog.error_label.isVisible()
    assert set(rows(dialog)) == {"PyTorch", "Kubernetes"}
    assert dialog.title_edit.text() == "ml_engineer"


def test_text_shows_as_typed_and_long_words_do_not_widen_the_dialog(
    ctx: UiContext, qtbot: QtBot
) -> None:
    word = "x" * 3000
    hostile = "<b>R&D</b> <img src=x>"
    text = f"Deep expertise in Kubernetes {hostile} {word}.\nExperience with Zq{word}, Kafka."
    dialog = ImportRoleDialog(ctx, text=text)
    qtbot.addWidget(dialog)
    dialog.resize(900, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    shown = rows(dialog)
    assert hostile in shown["Kubernetes"][2]
    tooltip = dialog.model.index(0, Column.SENTENCE).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;R&amp;D&lt;/b&gt;" in tooltip
    for label in dialog.findChildren(QLabel):
        if label.text() and label.buddy() is None:
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    assert dialog.width() <= 900
    assert dialog.minimumSizeHint().width() < 900
    assert dialog.sizeHint().width() < 1300


def test_every_control_can_be_reached_and_is_named(dialog: ImportRoleDialog) -> None:
    for widget in dialog.findChildren(QWidget):
        if widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            named = widget.accessibleName() or any(
                label.buddy() is widget for label in dialog.findChildren(QLabel)
            )
            assert named, f"{type(widget).__name__} has no accessible name"


# --- from the main window ------------------------------------------------------------------


def _drop(window: MainWindow, path: Path) -> bool:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        QPoint(200, 200), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    accepted = enter.isAccepted()
    drop = QDropEvent(
        QPointF(200, 200), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, drop)
    return accepted


def test_a_dropped_posting_opens_the_dialog_and_saving_shows_the_role(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    window = make_window()
    other = tmp_path / "photo.png"
    other.write_bytes(b"\x89PNG")
    assert not _drop(window, other)
    assert window.posting_import.dialog is None
    posting = tmp_path / "posting.md"
    posting.write_text(POSTING, encoding="utf-8")
    assert _drop(window, posting)
    dialog = window.posting_import.dialog
    assert dialog is not None and dialog.isVisible()
    assert "Apache Spark" in rows(dialog)
    assert dialog.save()
    page = window.page("roles")
    assert window.stack.currentWidget() is page
    assert page.current_role_id() == "senior-data-platform-engineer"  # type: ignore[attr-defined]


def test_the_file_menu_opens_the_dialog(make_window: Callable[..., MainWindow]) -> None:
    window = make_window()
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]  # type: ignore[union-attr]
    assert "Impor&t job posting…" in texts
    assert texts.index("Impor&t job posting…") == texts.index("&Import profile from JSON…") + 1
    window.posting_import.action.trigger()
    dialog = window.posting_import.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.rowCount() == 0 and not dialog.save_button.isEnabled()
    dialog.reject()
