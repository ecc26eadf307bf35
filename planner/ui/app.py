"""Starting the window: the application object, its look, then the main window.

A start on a data folder that already has a window brings that window forward and exits. The
window is shown first; the catalog and database are opened once it has painted.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from planner import __version__
from planner.ui.single_instance import Claim, SingleInstance, bring_forward, data_folder
from planner.ui.theme import apply_theme


def run_app(data_dir: Path | None = None, argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Learning-path planner")
    app.setApplicationDisplayName("Learning-path planner")
    app.setOrganizationName("learning-path-planner")
    app.setApplicationVersion(__version__)

    folder = data_folder(data_dir)
    instance = SingleInstance(folder, app)
    if instance.claim() is Claim.FORWARDED:
        print(f"The planner is already open for {folder}; brought it forward.", file=sys.stderr)
        return 0
    apply_theme(app, os.environ.get("PLANNER_THEME"))

    from planner.ui.main_window import MainWindow

    window = MainWindow(data_dir)
    instance.activated.connect(lambda: _come_forward(window, folder))
    app.aboutToQuit.connect(instance.close)
    window.show()
    # Load after the first paint so the window never waits on the database.
    QTimer.singleShot(0, window.load)
    return app.exec()


def _come_forward(window: QWidget, folder: Path) -> None:
    bring_forward(window)
    # Said on stderr too, for whoever started the first window from a terminal.
    print(f"planner: another start on {folder} brought this window forward.", file=sys.stderr)
