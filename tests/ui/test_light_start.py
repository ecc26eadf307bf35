"""A start on a database at this version's schema draws the dashboard without SQLAlchemy,
SQLModel or Alembic (issue 7: they cost about 350 ms and 50 MB); the first change brings
them in and is stored as usual."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from planner.services import plans, profile, skills
from planner.services.workspace import Workspace

# Run in a fresh interpreter: this test process has imported everything already.
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


def test_the_dashboard_is_drawn_without_the_database_layer(workspace: Workspace) -> None:
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
    assert result == {"shown": True, "heavy": [], "after_change": True}

    again = Workspace(Path(folder))
    try:
        assert {r.skill_id: r.level for r in skills.my_skills(again)} == {"python": 3, "go": 2}
    finally:
        again.close()
