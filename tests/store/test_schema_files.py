"""Databases written by every released schema version open with today's code: a copy is taken
first, then they are upgraded, and every row and value they held is still there.

The files under schema_files/ were made by the released planner of each version (make.sh
there says how); add one whenever a release changes the schema.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlmodel import Session

from planner.services import custom_roles
from planner.services.profile import settings
from planner.services.workspace import Workspace
from planner.store import head_revision, open_database, repository

SCHEMA_FILES = sorted((Path(__file__).parent / "schema_files").glob("schema-*.sqlite3"))

Rows = dict[str, set[tuple[tuple[str, object], ...]]]


def _revision(path: Path) -> str:
    return path.stem.removeprefix("schema-")


def _rows(path: Path) -> Rows:
    """Every row of every table but Alembic's, as sets of (column, value) pairs."""
    with closing(sqlite3.connect(path)) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
            )
            if name != "alembic_version"
        ]
        result: Rows = {}
        for table in tables:
            cursor = connection.execute(f'SELECT * FROM "{table}"')
            columns = [d[0] for d in cursor.description]
            result[table] = {tuple(zip(columns, row, strict=True)) for row in cursor}
        return result


def test_there_is_a_file_for_every_released_revision_before_head() -> None:
    assert [_revision(p) for p in SCHEMA_FILES] == ["0001", "0002", "0003", "0004"]
    assert head_revision() == "0005"  # a new revision needs a file made by the release before


@pytest.mark.parametrize("original", SCHEMA_FILES, ids=_revision)
def test_an_old_database_is_copied_upgraded_and_keeps_every_value(
    original: Path, tmp_path: Path
) -> None:
    path = tmp_path / "planner.sqlite3"
    shutil.copyfile(original, path)
    before = _rows(original)
    assert sum(map(len, before.values())) > 20  # the file really holds a profile

    open_database(path).dispose()

    after = _rows(path)
    for table, rows in before.items():
        # Each value kept under the same column of the same table; new columns may be added.
        columns = {column for row in rows for column, _ in row}
        kept = {tuple(pair for pair in row if pair[0] in columns) for row in after[table]}
        assert kept == rows, table
    (backup,) = tmp_path.glob(f"planner.sqlite3.before-{_revision(original)}-*.bak")
    assert _rows(backup) == before
    with closing(sqlite3.connect(path)) as connection:
        revisions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    assert revisions == [(head_revision(),)]


@pytest.mark.parametrize("original", SCHEMA_FILES, ids=_revision)
def test_an_upgraded_database_reads_and_writes_through_todays_code(
    original: Path, tmp_path: Path
) -> None:
    path = tmp_path / "planner.sqlite3"
    shutil.copyfile(original, path)
    engine = open_database(path)
    try:
        with Session(engine) as session:
            profile = repository.get_profile(session=session)
            assert profile.name == "Ada <b>Lovelace</b>"
            assert profile.target_role_id == "big-data-engineer"
            # 0003 gave existing rows the default; the 0003 file was made with its own value.
            assert profile.backups_to_keep == (7 if _revision(original) >= "0003" else 10)
            assert repository.latest_levels(session=session)["python"] == 4
            assert len(repository.rating_history(session=session, skill_id="python")) == 2
            plan = repository.active_plan(session=session)
            assert plan is not None and plan.id is not None
            steps = repository.plan_steps(session=session, plan_id=plan.id)
            assert [s.status for s in steps[:3]] == ["done", "in_progress", "skipped"]
            assert steps[1].notes == 'Reading chapter 4 — with "quotes" & <tags>'
            resources = repository.user_resources(session=session, step_key=steps[0].key)
            if _revision(original) >= "0003":
                assert [(r.title, r.link) for r in resources] == [
                    ("Notes <b>&</b> links", "file:///etc/passwd")
                ]
            repository.add_user_resource(session=session, step_key=steps[0].key, title="Book")
            session.commit()
    finally:
        engine.dispose()


@pytest.mark.parametrize("original", SCHEMA_FILES, ids=_revision)
def test_an_upgraded_database_keeps_custom_roles_across_reopening(
    original: Path, tmp_path: Path
) -> None:
    """The tables of 0004 work in an upgraded file: a custom role is saved, planned and
    still there when the folder is opened again."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(original, folder / "planner.sqlite3")
    with Workspace(folder) as ws:
        before = custom_roles.custom_roles(ws)  # the 0004 file has one of its own
        own = ["my-i-cloud-i-role"] if _revision(original) >= "0004" else []
        assert [role.id for role in before] == own
        copy = custom_roles.duplicate_role(ws, "big-data-engineer", "My data role")
        assert settings(ws).target_role_id == "big-data-engineer"  # the old target is kept
    with Workspace(folder) as ws:
        after = custom_roles.custom_roles(ws)
        assert copy in after and sorted(after, key=str) == sorted([*before, copy], key=str)
        assert ws.catalog.roles["big-data-engineer"].requirements == copy.requirements
