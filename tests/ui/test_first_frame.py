"""The window's first frame: it holds only what it shows, and the loading starts after it,
once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage, QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget
from pytestqt.qtbot import QtBot

from planner.ui.frame_watch import WAIT_MS, AfterFrame
from planner.ui.main_window import PAGE_TITLES, MainWindow
from planner.ui.settings import UiSettings
from planner.ui.sidebar_sketch import SidebarSketch
from planner.ui.theme import apply_theme


@pytest.fixture
def no_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """The paint must be seen: the fallback for a paint that never comes is out of reach."""
    monkeypatch.setattr("planner.ui.frame_watch.WAIT_MS", 600_000)


@pytest.mark.usefixtures("no_fallback")
def test_the_callback_runs_once_after_the_first_frame(qtbot: QtBot) -> None:
    window = QMainWindow()
    window.setCentralWidget(QLabel("Opening your planner…"))
    qtbot.addWidget(window)
    calls: list[bool] = []
    AfterFrame(window, lambda: calls.append(window.isVisible()), whole_window=True)
    assert calls == []  # nothing before the window is shown
    window.show()
    qtbot.waitUntil(lambda: calls == [True], timeout=5000)
    window.centralWidget().repaint()
    window.repaint()
    qtbot.wait(50)
    assert calls == [True]


@pytest.mark.usefixtures("no_fallback")
def test_another_windows_paint_does_not_count(qtbot: QtBot) -> None:
    window, other = QMainWindow(), QMainWindow()
    qtbot.addWidget(window)
    qtbot.addWidget(other)
    calls: list[int] = []
    AfterFrame(window, lambda: calls.append(1), whole_window=True)
    other.show()
    qtbot.waitExposed(other)
    other.repaint()
    qtbot.wait(50)
    assert calls == []
    window.show()
    qtbot.waitUntil(lambda: calls == [1], timeout=5000)


class _CountsPaints(QLabel):
    paints = 0

    def paintEvent(self, event: QPaintEvent) -> None:
        self.paints += 1
        super().paintEvent(event)


@pytest.mark.usefixtures("no_fallback")
def test_a_page_s_callback_waits_for_that_page_s_own_paint(qtbot: QtBot) -> None:
    window = QMainWindow()
    stack = QStackedWidget()
    page = _CountsPaints("page")
    stack.addWidget(QLabel("first"))
    stack.addWidget(page)
    window.setCentralWidget(stack)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    calls: list[int] = []
    stack.setCurrentWidget(page)
    page.setUpdatesEnabled(False)  # on screen, but no paint until the test says so
    AfterFrame(page, lambda: calls.append(page.paints))
    window.statusBar().showMessage("another widget of the window paints meanwhile")
    qtbot.wait(100)
    assert calls == []  # still waiting for the page's own paint
    page.setUpdatesEnabled(True)
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=5000)
    assert calls[0] >= 1  # called after the page was painted, not merely after some turns
    page.repaint()
    qtbot.wait(50)
    assert len(calls) == 1


def test_a_page_that_is_not_on_screen_does_not_hold_its_callback_back(qtbot: QtBot) -> None:
    page = QLabel("never shown")
    qtbot.addWidget(page)
    calls: list[int] = []
    AfterFrame(page, lambda: calls.append(1))
    qtbot.waitUntil(lambda: calls == [1], timeout=5000)


def test_a_paint_that_does_not_come_is_waited_for_only_so_long(qtbot: QtBot) -> None:
    window = QMainWindow()
    page = _CountsPaints("page")
    window.setCentralWidget(page)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page.setUpdatesEnabled(False)  # as a window minimised while it opens: no paint comes
    calls: list[int] = []
    AfterFrame(page, lambda: calls.append(page.paints))
    qtbot.wait(WAIT_MS // 2)
    assert calls == []
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=WAIT_MS * 3)
    qtbot.wait(50)
    assert len(calls) == 1


# --- the planner's own first frame, in a fresh process -----------------------------------

# Started as a user starts it, with an application event filter like the window benchmark's
# (benchmarks/paint_probe.py). Prints what the first frame held, then what the window held
# once the data was in.
_START = r"""
import json, os, sys
import PySide6.QtCore as QtCore
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

app = QApplication([])
seen = {}


def widgets(window):
    return sorted({type(w).__name__ for w in window.findChildren(QWidget)})


def when_loaded(window):
    nav = window.nav
    seen["loaded"] = {
        "widgets": widgets(window),
        "titles": [nav.item(row).text() for row in range(nav.count())],
        "nav_enabled": nav.isEnabled(),
        "shortcuts": sorted(
            a.shortcut().toString() for m in window.menuBar().actions()
            for a in m.menu().actions() if not a.shortcut().isEmpty()
        ),
    }
    print(json.dumps(seen), flush=True)
    os._exit(0)


class Probe(QObject):
    def eventFilter(self, watched, event):
        if (
            "first" not in seen
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and isinstance(watched.window(), QMainWindow)
        ):
            window = watched.window()
            seen["first"] = {
                "widgets": widgets(window),
                "menus": [a.text() for a in window.menuBar().actions()],
                "qt_namespace_built": "Qt" in vars(QtCore),
            }
            # A turn later: the sketch the list replaced is deleted then (deleteLater).
            window.settled.connect(lambda: QTimer.singleShot(0, lambda: when_loaded(window)))
        return False


probe = Probe()
app.installEventFilter(probe)
QTimer.singleShot(60_000, lambda: os._exit(3))
from planner.cli import main
main(["--data-dir", sys.argv[1]])
"""


def _start(script: str, folder: Path) -> Any:
    """Run ``script`` (a start of the window on ``folder``) in a fresh interpreter: this test
    process has built every Qt class and enum already. What it printed last, as JSON."""
    done = subprocess.run(
        [sys.executable, "-c", script, str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_first_frame_holds_only_what_it_shows(data_folder: Path) -> None:
    """No item view, busy bar or menu action in the first frame, and the Qt namespace's enums
    not built yet (each costs tens of milliseconds there: see planner/ui/sidebar_sketch.py and
    the WORKAROUND notes in planner/ui/main_window.py); all of it there once the data is in."""
    seen = _start(_START, data_folder)
    first, loaded = seen["first"], seen["loaded"]
    assert "SidebarSketch" in first["widgets"] and "QLabel" in first["widgets"]
    assert not {"QListWidget", "QProgressBar"} & set(first["widgets"])
    assert first["menus"] == ["&File", "&Edit", "&View", "&Help"]
    assert first["qt_namespace_built"] is False
    assert "QListWidget" in loaded["widgets"] and "SidebarSketch" not in loaded["widgets"]
    assert loaded["titles"] == [title for _, title, _ in PAGE_TITLES]
    assert loaded["nav_enabled"] is True
    expected = {shortcut for _, _, shortcut in PAGE_TITLES} | {"Ctrl+E", "Ctrl+Z"}
    assert expected <= set(loaded["shortcuts"])


_START_SIZES = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from planner.ui import app as ui_app, main_window
from planner.ui.settings import UiSettings
settings = UiSettings()
settings.first_run_done = True
settings.sync()
sizes = {}
def widths():
    return sorted({s.width() for s in app.windowIcon().availableSizes()})
built = main_window.MainWindow.__init__
def watch(window, *args, **kwargs):
    built(window, *args, **kwargs)
    sizes["first_frame"] = widths()
    def settled():  # after the window's own handlers of the signal
        QTimer.singleShot(0, lambda: (sizes.setdefault("settled", widths()), app.quit()))
    window.settled.connect(settled)
main_window.MainWindow.__init__ = watch
ui_app.run_app(Path(sys.argv[1]))
print(json.dumps(sizes))
"""


def test_the_first_frame_has_the_small_icon_sizes_and_every_size_comes_once_settled(
    data_folder: Path,
) -> None:
    # On X11 the first frame would carry the pixels of every size (16 ms under Xvfb for all).
    sizes = _start(_START_SIZES, data_folder)
    assert sizes["first_frame"] == [16, 24, 32, 48, 64]
    assert sizes["settled"] == [16, 24, 32, 48, 64, 128, 256, 512]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.usefixtures("restore_theme")
def test_the_sketch_draws_the_sidebar_as_the_list_does(
    qtbot: QtBot, qapp: QApplication, ui_settings: UiSettings, theme: str
) -> None:
    """The first frame's sidebar and the list that replaces it match pixel for pixel."""
    apply_theme(qapp, theme)
    window = MainWindow(settings=ui_settings)
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    sketch = window.findChild(SidebarSketch)
    assert sketch is not None
    same = QImage.Format.Format_RGB32
    before = sketch.grab().toImage().convertToFormat(same)
    window.complete()
    qtbot.wait(20)
    after = window.nav.grab().toImage().convertToFormat(same)
    assert not window.nav.isEnabled()  # as the sketch draws it, until the data is in
    rows = min(before.height(), after.height())
    assert before.width() == after.width()
    # The list's titles are there (the comparison is not of two blank panels).
    assert len({before.pixel(x, y) for x in range(before.width()) for y in range(40)}) > 2
    assert before.copy(0, 0, before.width(), rows) == after.copy(0, 0, after.width(), rows)
