"""Rolling backups, restoring one, and starting afresh: through the services, on real files."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from planner.errors import InvalidInputError, UnusableDatabaseError
from planner.services import backups
from planner.services.skills import my_skills, rate_skill
from planner.services.workspace import Workspace

SCHEMA_0001 = Path(__file__).parents[1] / "store" / "schema_files" / "schema-0001.sqlite3"
MORNING = datetime(2026, 11, 23, 9, 0, 0)


def _levels(ws: Workspace) -> dict[str, int]:
    return {row.skill_id: row.level for row in my_skills(ws)}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_first_start_of_a_day_takes_one_backup(workspace: Workspace) -> None:
    first = backups.auto_backup(workspace, MORNING)
    assert first is not None and first.parent == workspace.folder / "backups"
    assert backups.auto_backup(workspace, MORNING + timedelta(hours=10)) is None
    after_midnight = backups.auto_backup(workspace, MORNING + timedelta(hours=15))
    assert after_midnight is not None
    assert [b.path for b in backups.backups(workspace)] == [after_midnight, first]


def test_a_backup_holds_the_data_as_it_was(workspace: Workspace) -> None:
    rate_skill(workspace, skill="python", level=3)
    copy = backups.back_up_now(workspace, MORNING)
    rate_skill(workspace, skill="python", level=5)
    with closing(sqlite3.connect(copy)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        levels = connection.execute("SELECT level FROM skill_rating ORDER BY id").fetchall()
    assert levels == [(3,)]


def test_only_the_newest_n_backups_are_kept(workspace: Workspace) -> None:
    backups.set_backups_to_keep(workspace, 3)
    taken = [backups.back_up_now(workspace, MORNING + timedelta(days=d)) for d in range(5)]
    assert [b.path for b in backups.backups(workspace)] == taken[:1:-1]
    assert not taken[0].exists() and not taken[1].exists()
    backups.set_backups_to_keep(workspace, 1)  # lowering it prunes at once
    assert [b.path for b in backups.backups(workspace)] == [taken[-1]]
    assert backups.backups_to_keep(workspace) == 1


def test_files_of_other_names_in_the_backups_folder_are_left_alone(workspace: Workspace) -> None:
    backups.set_backups_to_keep(workspace, 1)
    mine = workspace.folder / "backups" / "my-own-copy.sqlite3"
    backups.back_up_now(workspace, MORNING)
    mine.write_bytes(b"mine")
    backups.back_up_now(workspace, MORNING + timedelta(days=1))
    assert mine.read_bytes() == b"mine"


@pytest.mark.parametrize("keep", [0, -1, 101])
def test_the_number_to_keep_is_checked(workspace: Workspace, keep: int) -> None:
    with pytest.raises(InvalidInputError, match="between 1 and 100"):
        backups.set_backups_to_keep(workspace, keep)
    assert backups.backups_to_keep(workspace) == 10


def test_restoring_brings_the_data_back_and_keeps_what_it_replaced(workspace: Workspace) -> None:
    rate_skill(workspace, skill="python", level=2)
    copy = backups.back_up_now(workspace, MORNING)
    rate_skill(workspace, skill="sql", level=4)

    result = backups.restore_backup(workspace, copy, now=MORNING + timedelta(hours=1))

    assert _levels(workspace) == {"python": 2}
    assert result.set_aside is None and result.copy_of_previous is not None
    with closing(sqlite3.connect(result.copy_of_previous)) as connection:
        skills = connection.execute("SELECT skill_id FROM skill_rating").fetchall()
    assert sorted(skills) == [("python",), ("sql",)]
    rate_skill(workspace, skill="sql", level=1)  # the restored database takes writes
    assert _levels(workspace) == {"python": 2, "sql": 1}


def test_restoring_over_a_damaged_file_sets_it_aside_intact(workspace: Workspace) -> None:
    rate_skill(workspace, skill="python", level=2)
    copy = backups.back_up_now(workspace, MORNING)
    workspace.close()
    live = workspace.database_file
    live.write_bytes(b"this is no database" * 100)
    damaged = _digest(live)
    with pytest.raises(UnusableDatabaseError):
        _ = workspace.engine

    result = backups.restore_backup(workspace, copy, now=MORNING)

    assert result.set_aside == live.with_name("planner.sqlite3.set-aside-20261123-090000")
    assert _digest(result.set_aside) == damaged
    assert _levels(workspace) == {"python": 2}


def test_a_backup_from_an_older_schema_is_restored_and_upgraded(
    workspace: Workspace, tmp_path: Path
) -> None:
    old = shutil.copyfile(SCHEMA_0001, tmp_path / "old-backup.sqlite3")
    backups.restore_backup(workspace, old)
    levels = _levels(workspace)
    assert (levels["python"], levels["sql"], levels["kubernetes"]) == (4, 2, 1)
    assert list(workspace.folder.glob("planner.sqlite3.before-0001-*.bak"))
    assert _digest(old) == _digest(SCHEMA_0001)  # the backup itself is only read


@pytest.mark.parametrize(
    "content", [b"", b"random bytes" * 50, b"SQLite format 3\x00" + b"\x00" * 84]
)
def test_a_file_that_is_no_backup_is_refused_and_nothing_changes(
    workspace: Workspace, tmp_path: Path, content: bytes
) -> None:
    rate_skill(workspace, skill="python", level=2)
    bad = tmp_path / "not-a-backup.sqlite3"
    bad.write_bytes(content)
    with pytest.raises(UnusableDatabaseError, match="not-a-backup"):
        backups.restore_backup(workspace, bad)
    assert _levels(workspace) == {"python": 2}
    assert backups.backups(workspace) == []  # not even the safety copy was needed


def test_restoring_a_missing_file_says_so(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="no backup file"):
        backups.restore_backup(workspace, tmp_path / "gone.sqlite3")


def test_starting_afresh_keeps_the_old_file(workspace: Workspace) -> None:
    rate_skill(workspace, skill="python", level=2)
    workspace.close()
    before = _digest(workspace.database_file)
    aside = backups.start_afresh(workspace, now=MORNING)
    assert aside is not None and _digest(aside) == before
    assert _levels(workspace) == {}


def test_setting_aside_never_overwrites_an_earlier_one(workspace: Workspace) -> None:
    first = backups.start_afresh(workspace, now=MORNING)
    second = backups.start_afresh(workspace, now=MORNING)
    assert first is not None and second is not None
    assert first != second and first.exists() and second.exists()
