"""Starting the window: the application object, its look, then the main window.

The window is shown first; the catalog and database are opened once it has painted.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from planner import __version__
from planner.ui.theme import apply_theme


def run_app(data_dir: Path | None = None, argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Learning-path planner")
    app.setApplicationDisplayName("Learning-path planner")
    app.setOrganizationName("learning-path-planner")
    app.setApplicationVersion(__version__)
    apply_theme(app, os.environ.get("PLANNER_THEME"))

    from planner.ui.main_window import MainWindow

    window = MainWindow(data_dir)
    window.show()
    # Load after the first paint so the window never waits on the database.
    QTimer.singleShot(0, window.load)
    return app.exec()
