"""The planner started as a user starts it (``planner`` with a data folder: the command line's
own entry point, which opens the window), with the paint probe watching.

    python benchmarks/planner_window.py STARTED DATA_DIR

Reports the first frame of the main window and the first frame of the dashboard drawn with
the profile's data, and the peak RSS at each.
"""

from __future__ import annotations

import sys

import paint_probe
from PySide6.QtWidgets import QApplication


def main() -> None:
    started = float(sys.argv[1])
    # run_app uses the application that exists; creating it here lets the probe watch it.
    app = QApplication(sys.argv[:1])
    paint_probe.install(app, started, dashboard=True)

    from planner.cli import main as planner_main

    planner_main(["--data-dir", sys.argv[2]])


if __name__ == "__main__":
    main()
