"""The screenshot script: its demo profile, and a real run writing every page's picture."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from planner.services import certifications, plans, profile, skills
from planner.services.workspace import Workspace
from planner.ui import pages

SCRIPT = Path(__file__).resolve().parents[1] / "packaging" / "screenshots.py"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("planner_screenshots", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_demo_profile_is_a_mid_level_engineer_part_way_in(
    script: ModuleType, workspace: Workspace
) -> None:
    script.build_demo_profile(workspace)
    today = workspace.today()

    settings = profile.settings(workspace)
    assert settings.current_role_id == "software-developer"
    assert settings.target_role_id == "distributed-systems-architect"
    assert settings.name

    rated = {row.skill_id for row in skills.my_skills(workspace)}
    assert len(rated) >= 15
    history = skills.skill_history(workspace, skill="python")
    assert [level for _, level in history] == [2, 3, 4]
    days = [when.date() for when, _ in history]
    assert days == sorted(days) and len(set(days)) == 3  # spread over time, in the past
    assert days[-1] < today

    held = certifications.my_certifications(workspace)
    assert len(held) == 2
    assert all(c.status == "held" for c in held)
    soon = [c for c in held if c.expires_on and c.expires_on <= today + timedelta(days=90)]
    assert len(soon) == 1

    view = plans.current_plan(workspace)
    assert view is not None
    statuses = [s.status for s in view.plan.steps]
    assert statuses.count("done") >= 3
    assert [s.notes for s in view.plan.steps if s.status == "in_progress"] == [script.DEMO_NOTE]


def test_the_service_clock_is_put_back(script: ModuleType, workspace: Workspace) -> None:
    script.build_demo_profile(workspace)
    assert skills.datetime is datetime
    skills.rate_skill(workspace, skill="scala", level=1)
    when, _ = skills.skill_history(workspace, skill="scala")[-1]
    assert abs(when - datetime.now().astimezone()) < timedelta(minutes=5)


def test_a_page_that_cannot_be_created_is_named(
    script: ModuleType,
    workspace: Workspace,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ghost = pages.PageInfo("ghost", "Ghost", "Ctrl+9", "planner.ui.no_such_page", "GhostPage")
    monkeypatch.setattr(pages, "PAGES", (*pages.PAGES, ghost))
    out = tmp_path / "out"
    out.mkdir()
    problems = script.take_screenshots(out, workspace, tmp_path)
    assert len(problems) == 1
    assert "'ghost'" in problems[0] and "planner.ui.no_such_page" in problems[0]
    assert (out / "first-run.png").is_file()  # taken before the pages were tried
    assert not (out / "dashboard.png").exists()  # no window with a page missing


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_script_writes_a_picture_of_every_page(tmp_path: Path, theme: str) -> None:
    out = tmp_path / "shots"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(out), "--theme", theme],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    expected = {f"{info.key}.png" for info in pages.PAGES} | {"first-run.png"}
    assert {p.name for p in out.glob("*.png")} == expected
    for name in expected:
        image = QImage(str(out / name))
        assert not image.isNull(), name
        assert image.width() >= 600 and image.height() >= 500, name
    window = QImage(str(out / "dashboard.png"))
    assert (window.width(), window.height()) == (1280, 800)
    # Dark means dark: the sidebar's empty part is painted in the palette's base colour.
    lightness = window.pixelColor(90, window.height() - 60).lightness()
    assert (lightness < 128) == (theme == "dark")
    # The script worked in its own folder, never the one the environment points at.
    assert not Path(os.environ["PLANNER_DATA_DIR"]).exists()
