"""The main window. For now: the target, readiness and the next steps of the plan."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from planner.errors import PlannerError


class MainWindow(QMainWindow):
    def __init__(self, data_dir: Path | None = None) -> None:
        super().__init__()
        self._data_dir = data_dir
        self.setWindowTitle("Learning-path planner")
        self.resize(1000, 700)
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.menuBar().addMenu("&File").addAction(quit_action)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.heading = QLabel("Loading…", central)
        self.heading.setAccessibleName("Target and readiness")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.body = QLabel("", central)
        self.body.setAccessibleName("Next steps")
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.body, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage("Starting…")

    def load(self) -> None:
        """Open the data folder and show where the person stands."""
        from planner.services.plans import current_plan
        from planner.services.profile import settings
        from planner.services.workspace import Workspace

        try:
            with Workspace(self._data_dir) as ws:
                target_id = settings(ws).target_role_id
                view = current_plan(ws)
                folder = ws.folder
                target = ws.catalog.roles.get(target_id or "")
                if target is None:
                    self.heading.setText("<h2>No target role yet</h2>")
                    self.body.setText(
                        "Choose one on the command line for now: "
                        "<code>planner target ROLE</code>, then <code>planner plan</code>."
                    )
                elif view is None:
                    self.heading.setText(f"<h2>Target: {html.escape(target.title)}</h2>")
                    self.body.setText("No plan yet: run <code>planner plan</code>.")
                else:
                    plan = view.plan
                    self.heading.setText(
                        f"<h2>Target: {html.escape(target.title)}</h2>"
                        f"<p>Readiness {view.readiness.percent:.0f}% · ready by {plan.eta} · "
                        f"{plan.remaining_hours:.0f} hours to go</p>"
                    )
                    upcoming = [s for s in plan.steps if not s.finished][:5]
                    items = "".join(
                        f"<li>{s.position}. {html.escape(s.title)} "
                        f"({s.planned_start} – {s.planned_end})</li>"
                        for s in upcoming
                    )
                    self.body.setText(f"<h3>Next steps</h3><ul>{items}</ul>")
            self.statusBar().showMessage(f"Data folder: {folder}")
        except PlannerError as exc:
            self.heading.setText("<h2>The planner could not open your data</h2>")
            QMessageBox.warning(self, "Learning-path planner", str(exc))
