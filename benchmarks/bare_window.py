"""The baseline of the window benchmarks: a bare PySide6 script showing an empty QMainWindow
(the planner window's size), timed by the same probe as the planner.

    python benchmarks/bare_window.py STARTED
"""

from __future__ import annotations

import sys

import paint_probe
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> None:
    started = float(sys.argv[1])
    app = QApplication(sys.argv[:1])
    paint_probe.install(app, started, dashboard=False)
    window = QMainWindow()
    window.resize(1200, 780)
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
