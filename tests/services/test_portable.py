"""Portable data through the services: a rich profile goes out as JSON and comes back into
another data folder with nothing lost; what holds data already is not overwritten unless asked
(and then only after a backup); a bad file changes nothing; the plan goes out as a calendar."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from export.portable_sample import (
    TRICKY_NOTE,
    build_rich_profile,
    build_small_profile,
    exported,
    sql_dump,
    table_dump,
)
from icalendar import Calendar

from planner.errors import InvalidInputError
from planner.services import plans, portable, profile, skills
from planner.services.backups import backups
from planner.services.workspace import Workspace

TODAY = date(2026, 11, 23)


@pytest.fixture
def other(tmp_path: Path, migrated_database: Path) -> Workspace:
    """A second, empty data folder (a fresh install on another machine)."""
    folder = tmp_path / "other"
    folder.mkdir()
    shutil.copyfile(migrated_database, folder / "planner.sqlite3")
    ws = Workspace(folder, today=lambda: TODAY)
    yield ws  # type: ignore[misc]
    ws.close()


def test_the_whole_profile_makes_the_round_trip(
    workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    build_rich_profile(workspace)
    first = exported(workspace, tmp_path / "first.json")

    summary = portable.import_json_file(other, tmp_path / "first.json")
    second = exported(other, tmp_path / "second.json")

    assert json.loads(second) == json.loads(first)
    assert second == first  # byte for byte, even
    before, after = table_dump(workspace.database_file), table_dump(other.database_file)
    assert after == before  # every table, every column, the ids included
    # The profile really was rich: what the dump compared is there.
    assert len(before["plan"]) == 2 and len(before["skill_rating"]) >= 6
    with closing(sqlite3.connect(workspace.database_file)) as conn:
        statuses = {s for (s,) in conn.execute("SELECT status FROM plan_step")}
    assert statuses == {"todo", "in_progress", "done", "skipped"}
    assert (summary.plans, summary.ratings, summary.resources) == (
        2,
        len(before["skill_rating"]),
        2,
    )
    assert summary.unknown_ids == () and summary.backup is None
    # And the services read it back as the person left it.
    view = plans.current_plan(other)
    assert view is not None and any(s.notes == TRICKY_NOTE for s in view.plan.steps)
    assert view.topics_done
    assert profile.settings(other) == profile.settings(workspace)
    assert skills.my_skills(other) == skills.my_skills(workspace)


def test_a_folder_that_holds_data_is_not_overwritten(
    workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    build_small_profile(workspace)
    exported(workspace, tmp_path / "profile.json")
    skills.rate_skill(other, skill="python", level=2)
    before = sql_dump(other.database_file)
    with pytest.raises(InvalidInputError) as caught:
        portable.import_json_file(other, tmp_path / "profile.json")
    message = str(caught.value)
    assert str(tmp_path / "profile.json") in message
    assert "empty data folder (--data-dir)" in message and "--replace" in message
    assert sql_dump(other.database_file) == before


def test_settings_alone_count_as_data(workspace: Workspace, other: Workspace) -> None:
    assert not portable.holds_user_data(other)
    profile.settings(other)  # reading creates the default profile row: still empty
    assert not portable.holds_user_data(other)
    profile.update_settings(other, hours_per_week=12)
    assert portable.holds_user_data(other)


def test_replacing_takes_a_backup_first(
    workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    build_small_profile(workspace)
    exported(workspace, tmp_path / "profile.json")
    skills.rate_skill(other, skill="docker", level=4)
    replaced = table_dump(other.database_file)

    summary = portable.import_json_file(other, tmp_path / "profile.json", replace=True)

    assert table_dump(other.database_file) == table_dump(workspace.database_file)
    assert summary.backup is not None and summary.backup.exists()
    with closing(sqlite3.connect(summary.backup)) as copy:
        ratings = copy.execute("SELECT skill_id, level FROM skill_rating").fetchall()
    assert ratings == [(row[1], row[2]) for row in replaced["skill_rating"]] == [("docker", 4)]


def test_a_bad_file_changes_nothing(workspace: Workspace, other: Workspace, tmp_path: Path) -> None:
    build_small_profile(workspace)
    document = json.loads(exported(workspace, tmp_path / "good.json"))
    document["plans"][0]["steps"][3]["status"] = "finished"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    skills.rate_skill(other, skill="go", level=1)
    before = sql_dump(other.database_file)
    for replace in (False, True):
        with pytest.raises(InvalidInputError) as caught:
            portable.import_json_file(other, bad, replace=replace)
        assert str(caught.value).startswith(
            f"Cannot import {bad}: plans[0].steps[3].status: 'finished' is not one of "
            "todo, in_progress, done, skipped."
        )
        assert sql_dump(other.database_file) == before
    assert backups(other) == []  # refused before any backup was taken


def test_ids_the_catalog_does_not_know_are_kept_and_reported(
    workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    build_small_profile(workspace)
    document = json.loads(exported(workspace, tmp_path / "good.json"))
    document["skill_ratings"][0]["skill_id"] = "underwater-basket-weaving"
    document["certifications"][0]["cert_id"] = "made-up-cert"
    path = tmp_path / "unknown.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    summary = portable.import_json_file(other, path)

    assert summary.unknown_ids == (
        "skill 'underwater-basket-weaving'",
        "certification 'made-up-cert'",
    )
    kept = {r.skill_id for r in skills.my_skills(other)}
    assert "underwater-basket-weaving" in kept
    assert json.loads(exported(other, tmp_path / "again.json"))["skill_ratings"][0]["skill_id"] == (
        "underwater-basket-weaving"
    )


def test_the_plan_as_a_calendar(workspace: Workspace, tmp_path: Path) -> None:
    build_small_profile(workspace)
    path = portable.export_ics_file(workspace, tmp_path / "plan.ics")
    calendar = Calendar.from_ical(path.read_bytes())
    view = plans.current_plan(workspace)
    assert view is not None
    events = calendar.walk("VEVENT")
    assert len(events) == len(view.plan.steps)
    assert any(TRICKY_NOTE in str(e["DESCRIPTION"]) for e in events)


def test_no_calendar_without_a_plan(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="no plan"):
        portable.export_ics_file(workspace, tmp_path / "plan.ics")
    assert not (tmp_path / "plan.ics").exists()
