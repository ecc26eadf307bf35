"""The Preferences dialog: typed into like a user, checked through the profile service."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from planner.services import profile
from planner.ui.context import UiContext
from planner.ui.dialogs.preferences import PreferencesDialog


def _dialog(ctx: UiContext, qtbot: QtBot) -> PreferencesDialog:
    dialog = PreferencesDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _press(qtbot: QtBot, dialog: PreferencesDialog, which: QDialogButtonBox.StandardButton) -> None:
    button = dialog.buttons.button(which)
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _retype(qtbot: QtBot, field: QWidget, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def test_shows_the_stored_settings(ctx: UiContext, qtbot: QtBot) -> None:
    profile.update_settings(
        ctx.ws,
        name="Ada",
        years_experience=7,
        education="master",
        current_role="Software Developer",
        hours_per_week=9,
    )
    dialog = _dialog(ctx, qtbot)
    assert dialog.name.text() == "Ada"
    assert dialog.years.value() == 7
    assert dialog.education.currentData() == "master"
    assert dialog.current_role.currentText() == "Software Developer"
    assert dialog.hours.value() == 9


def test_ok_saves_every_field(ctx: UiContext, qtbot: QtBot) -> None:
    topics: list[frozenset[str]] = []
    ctx.changed.connect(topics.append)
    dialog = _dialog(ctx, qtbot)
    _retype(qtbot, dialog.name, "Grace Hopper")
    _retype(qtbot, dialog.years, "12.5")
    dialog.education.setFocus()
    qtbot.keyClicks(dialog.education, "Doc")  # keyboard search in the combo
    _retype(qtbot, dialog.current_role, "Cloud Architect")
    _retype(qtbot, dialog.hours, "15")
    _press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)

    assert dialog.result() == QDialog.DialogCode.Accepted
    settings = profile.settings(ctx.ws)
    assert settings.name == "Grace Hopper"
    assert settings.years_experience == 12.5
    assert settings.education == "phd"
    assert settings.current_role_id == "cloud-architect"
    assert settings.hours_per_week == 15
    assert topics == [frozenset({"profile"})]


def test_role_found_by_another_name(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = _dialog(ctx, qtbot)
    _retype(qtbot, dialog.current_role, "cto")
    _press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert profile.settings(ctx.ws).current_role_id == "chief-technology-officer"


def test_cancel_changes_nothing(ctx: UiContext, qtbot: QtBot) -> None:
    profile.update_settings(ctx.ws, name="Ada", hours_per_week=9)
    before = profile.settings(ctx.ws)
    topics: list[frozenset[str]] = []
    ctx.changed.connect(topics.append)
    dialog = _dialog(ctx, qtbot)
    _retype(qtbot, dialog.name, "Someone else")
    _retype(qtbot, dialog.hours, "30")
    _retype(qtbot, dialog.current_role, "Data Scientist")
    _press(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert profile.settings(ctx.ws) == before
    assert topics == []


def test_ok_without_changes_writes_nothing(ctx: UiContext, qtbot: QtBot) -> None:
    profile.update_settings(ctx.ws, years_experience=4)
    topics: list[frozenset[str]] = []
    ctx.changed.connect(topics.append)
    dialog = _dialog(ctx, qtbot)
    _press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert topics == []


def test_unknown_role_keeps_the_dialog_open_and_says_why(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = _dialog(ctx, qtbot)
    _retype(qtbot, dialog.name, "Ada")
    _retype(qtbot, dialog.current_role, "Astronaut")
    _press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert "Astronaut" in dialog.error.text()
    assert profile.settings(ctx.ws).name == ""  # nothing was stored


def test_every_field_is_named_and_reached_by_tab(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = _dialog(ctx, qtbot)
    fields = [dialog.name, dialog.years, dialog.education, dialog.current_role, dialog.hours]
    for field in fields:
        assert field.accessibleName()
    dialog.name.setFocus()
    reached = []
    for _ in range(len(fields) + 3):
        focused = dialog.focusWidget()
        assert focused is not None
        reached.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    for field in fields:
        assert field in reached or field.focusProxy() in reached
