"""Fixtures of the window tests: real widgets on the offscreen platform, a real database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner.services.workspace import Workspace
from planner.ui.context import UiContext
from planner.ui.main_window import MainWindow
from planner.ui.settings import UiSettings


@pytest.fixture
def ui_settings(tmp_path: Path) -> UiSettings:
    """Settings in this test's own file, never the user's."""
    return UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def ctx(workspace: Workspace, qtbot: QtBot) -> UiContext:
    """A context on this test's database, for testing one page on its own."""
    return UiContext(workspace)


@pytest.fixture
def make_window(
    workspace: Workspace, ui_settings: UiSettings, qtbot: QtBot
) -> Callable[..., MainWindow]:
    """Builds the main window on this test's database, loaded and shown; qtbot closes it."""

    def make(*, first_run: bool = False) -> MainWindow:
        window = MainWindow(workspace=workspace, settings=ui_settings, show_first_run=first_run)
        qtbot.addWidget(window)
        window.show()
        window.load_now()
        return window

    return make


@pytest.fixture
def restore_theme(qapp: QApplication) -> Iterator[None]:
    """Puts the application's palette and style back after a test that changes the theme."""
    palette, style = QPalette(qapp.palette()), qapp.style().name()
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)
