"""The window's loading starts after its first frame, once."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from planner.ui.app import FirstFrame


def test_the_callback_runs_once_after_the_first_frame(qtbot: QtBot) -> None:
    window = QMainWindow()
    window.setCentralWidget(QLabel("Opening your planner…"))
    qtbot.addWidget(window)
    calls: list[bool] = []
    FirstFrame(window, lambda: calls.append(window.isVisible()))
    assert calls == []  # nothing before the window is shown
    window.show()
    qtbot.waitUntil(lambda: calls == [True], timeout=5000)
    window.centralWidget().repaint()
    window.repaint()
    qtbot.wait(50)
    assert calls == [True]


def test_another_windows_paint_does_not_count(qtbot: QtBot) -> None:
    window, other = QMainWindow(), QMainWindow()
    qtbot.addWidget(window)
    qtbot.addWidget(other)
    calls: list[int] = []
    FirstFrame(window, lambda: calls.append(1))
    other.show()
    qtbot.waitExposed(other)
    other.repaint()
    qtbot.wait(50)
    assert calls == []
    window.show()
    qtbot.waitUntil(lambda: calls == [1], timeout=5000)
