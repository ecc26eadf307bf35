"""A start on a database at this version's schema draws the dashboard without SQLAlchemy,
SQLModel or Alembic (issue 7: they cost about 350 ms and 50 MB); the first change brings
them in and is stored as usual, and a pointer reaching for the sidebar brings them in
beforehand. Each check runs the window in a fresh interpreter: this test process has
imported everything already."""

from __future__ import annotations

import json
import subprocess
import sys

from planner.services import plans, profile, skills
from planner.services.workspace import Workspace

_START = r"""
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from planner.ui.main_window import MainWindow
from planner.ui.settings import UiSettings
window = MainWindow(Path(sys.argv[1]), settings=UiSettings(), show_first_run=False)
window.show()
window.load_now()
dashboard = window.page("dashboard")
app.processEvents()
shown = window.stack.currentWidget() is dashboard
heavy = sorted(m for m in ("sqlalchemy", "sqlmodel", "alembic") if m in sys.modules)
from planner.services import skills
skills.rate_skill(window.ctx.ws, skill="go", level=2)
after = "sqlalchemy" in sys.modules
window.close()
print(json.dumps({"shown": shown, "heavy": heavy, "after_change": after}))
"""


def _run_window(script: str, workspace: Workspace) -> dict[str, object]:
    """Run ``script`` on the workspace's folder, holding a target, a rating and a plan, in a
    fresh interpreter; what it printed last, as JSON."""
    profile.set_target(workspace, role="cloud-architect")
    skills.rate_skill(workspace, skill="python", level=3)
    plans.generate_plan(workspace)
    workspace.close()
    done = subprocess.run(
        [sys.executable, "-c", script, str(workspace.folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_the_dashboard_is_drawn_without_the_database_layer(workspace: Workspace) -> None:
    result = _run_window(_START, workspace)
    assert result == {"shown": True, "heavy": [], "after_change": True}

    again = Workspace(workspace.folder)
    try:
        assert {r.skill_id: r.level for r in skills.my_skills(again)} == {"python": 3, "go": 2}
    finally:
        again.close()


_HOVER = r"""
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
    result = _run_window(_HOVER, workspace)
    assert result == {"before": False, "moved": False, "after": True}
