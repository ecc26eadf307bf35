"""The other pages' services are imported once the pointer reaches for the sidebar or the
menus, not before (a start that only reads does without SQLAlchemy)."""

from __future__ import annotations

import json
import subprocess
import sys

from planner.services import plans, profile, skills
from planner.services.workspace import Workspace

_START = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QPointF
from PySide6.QtGui import QHoverEvent
from PySide6.QtWidgets import QApplication
app = QApplication([])
from planner.ui.main_window import MainWindow
from planner.ui.settings import UiSettings
window = MainWindow(Path(sys.argv[1]), settings=UiSettings(), show_first_run=False)
window.show()
window.load_now()
app.processEvents()
before = "sqlalchemy" in sys.modules
moved = window.warm_up.thread is not None
# What a real pointer moving over the sidebar's list sends it (the list tracks hovering).
hover = QHoverEvent(QEvent.Type.HoverMove, QPointF(5, 5), QPointF(5, 5), QPointF(4, 4))
QApplication.sendEvent(window.nav.viewport(), hover)
window.warm_up.join()
after = "sqlalchemy" in sys.modules and "planner.services.skills" in sys.modules
window.close()
print(json.dumps({"before": before, "moved": moved, "after": after}))
"""


def test_the_sidebar_brings_the_services_in(workspace: Workspace) -> None:
    profile.set_target(workspace, role="cloud-architect")
    skills.rate_skill(workspace, skill="python", level=3)
    plans.generate_plan(workspace)
    folder = workspace.folder
    workspace.close()
    done = subprocess.run(
        [sys.executable, "-c", _START, str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"before": False, "moved": False, "after": True}
