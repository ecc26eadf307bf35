"""Backups in the window: the way out of a database that cannot be opened (restore a backup,
start afresh, quit), other storage failures, and Back up now / Restore / backups to keep.

Real widgets on the offscreen platform over real SQLite files; buttons are clicked."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from store.test_database import damaged_pages

from planner.services import backups, skills
from planner.services.workspace import Workspace
from planner.ui import commands
from planner.ui.backups import RestoreDialog
from planner.ui.dialogs.preferences import PreferencesDialog
from planner.ui.main_window import MainWindow
from planner.ui.settings import UiSettings
from planner.ui.skills.model import SKILL
from planner.ui.skills.page import SkillsPage

SET_ASIDE = re.compile(r"planner\.sqlite3\.set-aside-\d{8}-\d{6}(-\d+)?")
# Backups taken "yesterday" (by the clock: the window takes its own backup of the real day).
YESTERDAY = datetime.now().replace(microsecond=0) - timedelta(days=1)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def click(qtbot: QtBot, button: QAbstractButton | None) -> None:
    assert button is not None and button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def levels(ws: Workspace) -> dict[str, int]:
    return {row.skill_id: row.level for row in skills.my_skills(ws)}


def shown_skills(window: MainWindow) -> list[str]:
    page = window.page("skills")
    assert isinstance(page, SkillsPage)
    return sorted(page.proxy.index(r, SKILL).data() for r in range(page.proxy.rowCount()))


@pytest.fixture
def open_window(
    workspace: Workspace, ui_settings: UiSettings, qtbot: QtBot
) -> Callable[[], MainWindow]:
    """Shows the main window on this test's data folder and loads it, whatever it holds."""

    def make() -> MainWindow:
        window = MainWindow(workspace=workspace, settings=ui_settings, show_first_run=False)
        qtbot.addWidget(window)
        window.show()
        window.load_now()
        return window

    return make


@pytest.fixture
def damaged(workspace: Workspace) -> tuple[Path, str]:
    """Python rated 2 and backed up, then the database damaged; the backup and the file's
    digest."""
    skills.rate_skill(workspace, skill="python", level=2)
    copy = backups.back_up_now(workspace, YESTERDAY)
    workspace.close()
    live = workspace.database_file
    damaged_pages(live, live)
    return copy, digest(live)


def recovery_dialog(window: MainWindow) -> RestoreDialog:
    dialog = window.findChild(QDialog, "recovery-dialog")
    assert isinstance(dialog, RestoreDialog) and dialog.isVisible()
    return dialog


def wait_for_pages(window: MainWindow, qtbot: QtBot) -> None:
    """The window loads again off the GUI thread after a way out was taken."""
    qtbot.waitUntil(window.nav.isEnabled, timeout=20000)


def test_a_damaged_database_opens_the_recovery_dialog_and_restore_brings_the_data_back(
    open_window: Callable[[], MainWindow],
    workspace: Workspace,
    damaged: tuple[Path, str],
    qtbot: QtBot,
) -> None:
    backup, before = damaged
    window = open_window()
    dialog = recovery_dialog(window)
    assert window.findChild(QMessageBox, "failure-message") is None  # the dialog, no box
    [problem] = [w for w in dialog.findChildren(QLabel) if w.accessibleName() == "Problem"]
    assert str(workspace.database_file) in problem.text()
    assert not window.nav.isEnabled()
    assert dialog.list.currentItem().data(Qt.ItemDataRole.UserRole) == str(backup)

    click(qtbot, dialog.restore_button)
    wait_for_pages(window, qtbot)
    assert shown_skills(window) == ["Python"]
    assert levels(workspace) == {"python": 2}
    [aside] = [p for p in workspace.folder.iterdir() if SET_ASIDE.fullmatch(p.name)]
    assert digest(aside) == before
    said = window.statusBar().currentMessage()  # still there once the pages are in
    assert said.startswith(f"Restored your data from {backup.name}") and str(aside) in said


def test_start_afresh_loads_empty_pages_and_keeps_the_old_file(
    open_window: Callable[[], MainWindow],
    workspace: Workspace,
    damaged: tuple[Path, str],
    qtbot: QtBot,
) -> None:
    _, before = damaged
    window = open_window()
    dialog = recovery_dialog(window)
    click(qtbot, dialog.fresh_button)
    wait_for_pages(window, qtbot)
    assert shown_skills(window) == []
    assert levels(workspace) == {}
    [aside] = [p for p in workspace.folder.iterdir() if SET_ASIDE.fullmatch(p.name)]
    assert digest(aside) == before


def test_quit_in_the_recovery_dialog_closes_the_window(
    open_window: Callable[[], MainWindow],
    workspace: Workspace,
    damaged: tuple[Path, str],
    qtbot: QtBot,
) -> None:
    _, before = damaged
    window = open_window()
    dialog = recovery_dialog(window)
    [quit_button] = [b for b in dialog.buttons.buttons() if b.text() == "&Quit"]
    click(qtbot, quit_button)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert digest(workspace.database_file) == before  # nothing was done to it
    assert not any(SET_ASIDE.fullmatch(p.name) for p in workspace.folder.iterdir())


def test_another_storage_failure_is_a_message_that_does_not_block(
    ui_settings: UiSettings, qtbot: QtBot, tmp_path: Path
) -> None:
    """Here the data folder cannot be made (its parent is a file): nothing to restore."""
    (tmp_path / "a file").write_text("")
    folder = tmp_path / "a file" / "data"
    window = MainWindow(workspace=Workspace(folder), settings=ui_settings, show_first_run=False)
    qtbot.addWidget(window)
    window.show()
    window.load_now()  # returns: the message is opened, not run modally
    box = window.findChild(QMessageBox, "failure-message")
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert str(folder) in box.text() and "Choose a folder you can write to" in box.text()
    assert window.findChild(QDialog, "recovery-dialog") is None
    assert str(folder) in window.loading.text()
    assert not window.nav.isEnabled()


def file_action(window: MainWindow, text: str) -> Callable[[], None]:
    [menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&File"]
    [action] = [a for a in menu.actions() if a.text() == text]  # type: ignore[union-attr]
    assert action.isEnabled()
    return action.trigger


def test_back_up_now_from_the_file_menu_makes_a_copy(
    open_window: Callable[[], MainWindow], workspace: Workspace
) -> None:
    skills.rate_skill(workspace, skill="docker", level=4)
    window = open_window()
    before = {b.path for b in backups.backups(workspace)}
    file_action(window, "&Back up now")()
    [copy] = {b.path for b in backups.backups(workspace)} - before
    with closing(sqlite3.connect(copy)) as connection:
        rows = connection.execute("SELECT skill_id, level FROM skill_rating").fetchall()
    assert rows == [("docker", 4)]
    assert str(copy) in window.statusBar().currentMessage()


def test_restore_from_the_file_menu_replaces_the_data_and_keeps_what_it_replaced(
    open_window: Callable[[], MainWindow], workspace: Workspace, qtbot: QtBot
) -> None:
    skills.rate_skill(workspace, skill="python", level=2)
    window = open_window()  # which takes today's backup
    assert window.ctx is not None
    before = {b.path for b in backups.backups(workspace)}
    file_action(window, "&Back up now")()  # within the same second, as likely as not
    [just_taken] = {b.path for b in backups.backups(workspace)} - before
    window.show_page("skills")
    window.ctx.push(commands.rate_skill(window.ctx, "docker", 3))  # after the backup
    assert shown_skills(window) == ["Docker", "Python"]
    assert window.ctx.undo_stack.canUndo()
    taken = {b.path for b in backups.backups(workspace)}

    file_action(window, "&Restore from backup…")()
    dialogs = [d for d in window.findChildren(RestoreDialog) if d.isVisible()]
    [dialog] = dialogs
    assert dialog.list.currentItem().data(Qt.ItemDataRole.UserRole) == str(just_taken)
    click(qtbot, dialog.restore_button)
    assert not dialog.isVisible()
    assert levels(workspace) == {"python": 2}
    assert shown_skills(window) == ["Python"]  # the page redrew
    assert not window.ctx.undo_stack.canUndo()  # its edits belonged to the replaced data
    [replaced] = {b.path for b in backups.backups(workspace)} - taken
    with closing(sqlite3.connect(replaced)) as connection:
        rows = connection.execute("SELECT skill_id FROM skill_rating ORDER BY skill_id").fetchall()
    assert rows == [("docker",), ("python",)]


def test_backups_to_keep_in_preferences_is_stored_and_prunes(
    open_window: Callable[[], MainWindow], workspace: Workspace, qtbot: QtBot
) -> None:
    for day in range(4):
        backups.back_up_now(workspace, YESTERDAY - timedelta(days=day))
    window = open_window()
    assert window.ctx is not None
    assert len(backups.backups(workspace)) == 5  # and the window's own of today
    newest_two = [b.path for b in backups.backups(workspace)][:2]
    dialog = PreferencesDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.keep.setFocus()
    qtbot.keyClick(dialog.keep, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.keep, "2")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert backups.backups_to_keep(workspace) == 2
    assert [b.path for b in backups.backups(workspace)] == newest_two
