"""Portable data through the services: a rich profile goes out as JSON and comes back into
another data folder with nothing lost, custom roles and skills (and a plan for one) included;
what holds data already is not overwritten unless asked (and then only after a backup); a bad
file, or custom entries that do not fit the catalog, change nothing; an older file without
custom entries still imports; the plan goes out as a calendar."""

from __future__ import annotations

import dataclasses
import json
import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from export.portable_sample import (
    CUSTOM_ROLE_IDS,
    CUSTOM_SKILL_IDS,
    TRICKY_NOTE,
    add_custom_entries,
    build_rich_profile,
    build_small_profile,
    exported,
    sql_dump,
    table_dump,
)
from icalendar import Calendar

from planner.catalog.validation import to_json
from planner.errors import InvalidInputError
from planner.services import custom_roles, plans, portable, profile, skills
from planner.services.backups import backups
from planner.services.workspace import Workspace
from planner.store import custom_catalog

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
    add_custom_entries(workspace)
    profile.set_target(workspace, role="platform-engineer")  # a custom role, planned
    plans.generate_plan(workspace)
    first = exported(workspace, tmp_path / "first.json")

    summary = portable.import_json_file(other, tmp_path / "first.json")
    second = exported(other, tmp_path / "second.json")

    assert json.loads(second) == json.loads(first)
    assert second == first  # byte for byte, even
    before, after = table_dump(workspace.database_file), table_dump(other.database_file)
    assert after == before  # every table, every column, the ids included
    # The profile really was rich: what the dump compared is there.
    assert len(before["plan"]) == 3 and len(before["skill_rating"]) >= 6
    assert sorted(r[0] for r in before["custom_skill"]) == sorted(CUSTOM_SKILL_IDS)
    assert sorted(r[0] for r in before["custom_role"]) == sorted(CUSTOM_ROLE_IDS)
    with closing(sqlite3.connect(workspace.database_file)) as conn:
        statuses = {s for (s,) in conn.execute("SELECT status FROM plan_step")}
    assert statuses == {"todo", "in_progress", "done", "skipped"}
    assert (summary.plans, summary.ratings, summary.resources) == (
        3,
        len(before["skill_rating"]),
        2,
    )
    assert (summary.custom_skills, summary.custom_roles) == (2, 2)
    assert "2 custom skills and 2 custom roles from" in summary.describe()
    assert summary.unknown_ids == () and summary.backup is None
    # And the services read it back as the person left it: the custom role is in the
    # catalog at once, with its plan, which asks for the custom skills.
    assert set(CUSTOM_ROLE_IDS) <= set(other.catalog.custom_role_ids)
    assert other.catalog.roles["platform-engineer"] == workspace.catalog.roles["platform-engineer"]
    view = plans.current_plan(other)
    assert view is not None and view.plan.role_id == "platform-engineer"
    assert {"crossplane", "crossplane-compositions"} <= {s.skill_id for s in view.plan.steps}
    old = plans.current_plan(workspace)
    assert old is not None and view.plan == old.plan
    assert any(TRICKY_NOTE in row for row in after["plan_step"])  # the earlier plans' notes
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


# --- custom roles and skills ------------------------------------------------------------------


def test_a_folder_with_only_custom_entries_holds_data(
    workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    build_small_profile(workspace)
    exported(workspace, tmp_path / "profile.json")
    custom_roles.duplicate_role(other, "cloud-architect", "Their cloud architect")
    assert portable.holds_user_data(other)
    before = sql_dump(other.database_file)
    with pytest.raises(InvalidInputError, match="already holds a profile"):
        portable.import_json_file(other, tmp_path / "profile.json")
    assert sql_dump(other.database_file) == before


def test_replacing_replaces_the_custom_entries_too(
    workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    build_small_profile(workspace)
    add_custom_entries(workspace)
    exported(workspace, tmp_path / "profile.json")
    theirs = custom_roles.duplicate_role(other, "cloud-architect", "Their cloud architect")
    profile.set_target(other, role=theirs.id)
    plans.generate_plan(other)

    summary = portable.import_json_file(other, tmp_path / "profile.json", replace=True)

    assert table_dump(other.database_file) == table_dump(workspace.database_file)
    assert theirs.id not in other.catalog.roles  # gone from the catalog at once
    assert set(other.catalog.custom_role_ids) == set(CUSTOM_ROLE_IDS)
    assert summary.backup is not None
    with closing(sqlite3.connect(summary.backup)) as copy:
        kept = copy.execute("SELECT id FROM custom_role").fetchall()
        planned = copy.execute("SELECT role_id FROM plan").fetchall()
    assert kept == planned == [(theirs.id,)]


def test_an_older_file_without_custom_entries_still_imports(
    workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    build_small_profile(workspace)
    document = json.loads(exported(workspace, tmp_path / "new.json"))
    assert document["format"] == 2 and document["custom_roles"] == []
    del document["custom_skills"], document["custom_roles"]
    document["format"], document["schema_revision"] = 1, "0003"  # as the last release wrote
    older = tmp_path / "older.json"
    older.write_text(json.dumps(document), encoding="utf-8")
    custom_roles.duplicate_role(other, "cloud-architect", "Their cloud architect")

    summary = portable.import_json_file(other, older, replace=True)

    assert table_dump(other.database_file) == table_dump(workspace.database_file)
    assert other.catalog.custom_role_ids == frozenset()
    assert "custom" not in summary.describe()


def _edited(document: dict[str, Any], edit: str) -> None:
    skills_ = {s["id"]: s for s in document["custom_skills"]}
    roles_ = {r["id"]: r for r in document["custom_roles"]}
    if edit == "unknown skill":  # a role names a custom skill the file lacks
        document["custom_skills"].remove(skills_["crossplane-compositions"])
    elif edit == "unknown neighbour":  # a role's ladder neighbour is neither here nor there
        document["custom_roles"].remove(roles_["platform-engineer"])
    elif edit == "cycle":
        skills_["crossplane"]["definition"]["prerequisites"] = [
            {"skill": "crossplane-compositions", "level": 1}
        ]
    elif edit == "catalog id":
        row = skills_["crossplane-compositions"]
        row["id"] = row["definition"]["id"] = "python"
    elif edit == "unknown certification":
        roles_["platform-engineer"]["definition"]["certifications"] = [{"any_of": ["made-up"]}]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ("unknown skill", "custom_roles[0]: requires unknown skill 'crossplane-compositions'"),
        ("unknown neighbour", "custom_roles[0]: ladder neighbour 'platform-engineer' is not a"),
        ("cycle", "prerequisite cycle: crossplane -> crossplane-compositions -> crossplane"),
        ("catalog id", "custom_skills[1].id: 'python' is a skill of the catalog that comes"),
        ("unknown certification", "custom_roles[0]: recommends unknown certification 'made-up'"),
    ],
)
def test_custom_entries_that_do_not_fit_the_catalog_change_nothing(
    workspace: Workspace, other: Workspace, tmp_path: Path, edit: str, message: str
) -> None:
    build_small_profile(workspace)
    add_custom_entries(workspace)
    document = json.loads(exported(workspace, tmp_path / "good.json"))
    _edited(document, edit)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    assert portable.read_json_file(bad)  # each entry is well formed on its own
    skills.rate_skill(other, skill="go", level=1)
    before = sql_dump(other.database_file)
    for replace in (False, True):
        with pytest.raises(InvalidInputError) as caught:
            portable.import_json_file(other, bad, replace=replace)
        text = str(caught.value)
        assert text.startswith(f"Cannot import {bad}: ") and message in text, text
        assert "Nothing was changed" in text and "\n" not in text
        assert sql_dump(other.database_file) == before
    assert backups(other) == []


def test_a_stored_entry_the_catalog_leaves_out_is_not_exported(
    workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    add_custom_entries(workspace)
    role = workspace.catalog.roles["my-cloud-architect"]
    lost = dataclasses.replace(role, id="lost-role", title="Lost", leads_to=("gone",))
    with workspace.transaction() as session:  # as a later catalog might leave it: unusable
        custom_catalog.put_role(session=session, role_id="lost-role", definition=to_json(lost))
    workspace.reload_catalog()
    assert "lost-role" not in workspace.catalog.roles

    document = json.loads(exported(workspace, tmp_path / "profile.json"))

    assert [r["id"] for r in document["custom_roles"]] == list(CUSTOM_ROLE_IDS)
    portable.import_json_file(other, tmp_path / "profile.json")  # so the file still imports
    assert set(other.catalog.custom_role_ids) == set(CUSTOM_ROLE_IDS)
