"""Portable data from the window: export the profile or the calendar, import a profile (asking
before anything is replaced), with the file dialogs answered by the test."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from export.portable_sample import build_small_profile, sql_dump, table_dump
from icalendar import Calendar
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from planner.services import plans, skills
from planner.services import portable as portable_service
from planner.services.backups import backups
from planner.services.profile import set_target
from planner.services.workspace import Workspace
from planner.ui import exporting, portable
from planner.ui.context import TOPICS, UiContext
from planner.ui.main_window import MainWindow
from planner.ui.skills.page import SkillsPage


def answer_dialogs(
    monkeypatch: pytest.MonkeyPatch,
    *,
    save: Path | None = None,
    open_: Path | None = None,
    replace: bool | None = None,
) -> list[str]:
    """Stand in for the file dialogs and the question; returns what was asked, in order."""
    asked: list[str] = []

    def ask_save(parent: QWidget, title: str, suggested: Path, file_filter: str) -> Path | None:
        asked.append(f"save {suggested.suffix}")
        return save

    def ask_open(parent: QWidget, title: str, folder: Path, file_filter: str) -> Path | None:
        asked.append("open")
        return open_

    def confirm(parent: QWidget, text: str) -> bool:
        asked.append("replace?")
        assert replace is not None, "the test did not expect a question"
        return replace

    monkeypatch.setattr(exporting, "ask_save_path", ask_save)
    monkeypatch.setattr(portable, "ask_open_path", ask_open)
    monkeypatch.setattr(portable, "confirm_replace", confirm)
    return asked


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    """A plain main window: the functions report on its status bar."""
    w = QMainWindow()
    qtbot.addWidget(w)
    w.show()
    return w


def shown_messages(parent: QWidget) -> list[str]:
    return [b.text() for b in parent.findChildren(QMessageBox) if b.isVisible()]


@pytest.fixture
def exported_profile(tmp_path: Path, migrated_database: Path) -> Path:
    """A profile exported from another data folder."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    shutil.copyfile(migrated_database, folder / "planner.sqlite3")
    with Workspace(folder) as ws:
        build_small_profile(ws)
        return portable_service.export_json_file(ws, tmp_path / "profile.json")


def test_export_the_profile(
    window: QMainWindow, ctx: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    skills.rate_skill(ctx.ws, skill="python", level=3)
    asked = answer_dialogs(monkeypatch, save=tmp_path / "mine")  # the suffix is added
    written = portable.export_json_interactively(window, ctx)
    assert asked == ["save .json"]
    assert written == tmp_path / "mine.json"
    document = json.loads(written.read_text(encoding="utf-8"))
    assert [r["skill_id"] for r in document["skill_ratings"]] == ["python"]
    assert str(written) in window.statusBar().currentMessage()


def test_export_the_calendar(
    window: QMainWindow, ctx: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer_dialogs(monkeypatch, save=tmp_path / "plan.ics")
    assert portable.export_ics_interactively(window, ctx) is None  # no plan yet
    assert asked == [] and "no plan" in shown_messages(window)[0]

    build_small_profile(ctx.ws)
    written = portable.export_ics_interactively(window, ctx)
    assert written == tmp_path / "plan.ics" and asked == ["save .ics"]
    assert Calendar.from_ical(written.read_bytes()).walk("VEVENT")


def test_a_cancelled_dialog_does_nothing(
    window: QMainWindow, ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_small_profile(ctx.ws)
    before = sql_dump(ctx.ws.database_file)
    answer_dialogs(monkeypatch)
    assert portable.export_json_interactively(window, ctx) is None
    assert portable.export_ics_interactively(window, ctx) is None
    assert portable.import_json_interactively(window, ctx) is None
    assert sql_dump(ctx.ws.database_file) == before


def test_import_into_an_empty_folder_reloads_the_pages(
    window: QMainWindow,
    ctx: UiContext,
    qtbot: QtBot,
    exported_profile: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = SkillsPage(ctx)
    qtbot.addWidget(page)
    assert page.proxy.rowCount() == 0
    asked = answer_dialogs(monkeypatch, open_=exported_profile)
    ctx.undo_stack.push(QUndoCommand("an edit from before the import"))
    with qtbot.waitSignal(ctx.changed) as changed:
        summary = portable.import_json_interactively(window, ctx)
    assert asked == ["open"]  # nothing to replace: no question
    assert summary is not None and summary.ratings == 2
    assert changed.args == [TOPICS]
    assert ctx.undo_stack.count() == 0  # its edits were of the data replaced
    assert page.proxy.rowCount() == 1  # the page reloaded: the imported skill is shown
    assert "Imported 2 skill ratings" in window.statusBar().currentMessage()


def test_replacing_asks_first_and_backs_up(
    window: QMainWindow,
    ctx: UiContext,
    exported_profile: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    skills.rate_skill(ctx.ws, skill="docker", level=4)
    before = sql_dump(ctx.ws.database_file)
    asked = answer_dialogs(monkeypatch, open_=exported_profile, replace=False)
    assert portable.import_json_interactively(window, ctx) is None
    assert asked == ["open", "replace?"]
    assert sql_dump(ctx.ws.database_file) == before and backups(ctx.ws) == []

    answer_dialogs(monkeypatch, open_=exported_profile, replace=True)
    summary = portable.import_json_interactively(window, ctx)
    assert summary is not None and summary.backup is not None
    assert [b.path for b in backups(ctx.ws)] == [summary.backup]
    assert {r.skill_id for r in skills.my_skills(ctx.ws)} == {"sql"}


def test_a_bad_file_is_reported_before_any_question(
    window: QMainWindow,
    ctx: UiContext,
    tmp_path: Path,
    exported_profile: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    skills.rate_skill(ctx.ws, skill="docker", level=4)
    bad = tmp_path / "bad.json"
    bad.write_bytes(exported_profile.read_bytes()[:-40])
    before = table_dump(ctx.ws.database_file)
    asked = answer_dialogs(monkeypatch, open_=bad)  # a question would fail the test
    assert portable.import_json_interactively(window, ctx) is None
    assert asked == ["open"]
    (message,) = shown_messages(window)
    assert message.startswith(f"Cannot import {bad}: not valid JSON")
    assert table_dump(ctx.ws.database_file) == before


def test_the_file_menu_runs_the_portable_data_actions(
    make_window: Callable[..., MainWindow],
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    set_target(workspace, role="big-data-engineer")
    plans.generate_plan(workspace)
    window = make_window()
    file_menu = window.menuBar().actions()[0].menu()
    assert file_menu is not None
    actions = {a.text().replace("&", ""): a for a in file_menu.actions()}
    for name in ("Import profile from JSON…", "Back up now", "Restore from backup…"):
        assert actions[name].isEnabled()
    targets = iter([tmp_path / "profile.json", tmp_path / "plan.ics"])
    monkeypatch.setattr(exporting, "ask_save_path", lambda *_args: next(targets))
    actions["Export profile as JSON…"].trigger()
    actions["Export plan to calendar (.ics)…"].trigger()
    assert json.loads((tmp_path / "profile.json").read_text())["format"] == 2
    assert (tmp_path / "plan.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
