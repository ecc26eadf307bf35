"""Setting an unusable file aside, restoring into a live database, and the rolling names."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, text
from sqlmodel import Session

from planner.store import repository
from planner.store.backup import list_backups, prune_backups, take_rolling_backup
from planner.store.recovery import restore_database, set_aside

NOW = datetime(2026, 11, 23, 9, 30, 0)


def _name_the_profile(engine: Engine, name: str) -> None:
    with Session(engine) as session:
        repository.get_profile(session=session).name = name
        session.commit()


def test_a_file_is_set_aside_with_its_wal_and_stays_readable(
    engine: Engine, database_file: Path
) -> None:
    _name_the_profile(engine, "only in the WAL")
    # Copy the live pair while the WAL still holds the change, as a crash would leave it.
    crashed = database_file.with_name("crashed.sqlite3")
    crashed.write_bytes(database_file.read_bytes())
    Path(f"{crashed}-wal").write_bytes(Path(f"{database_file}-wal").read_bytes())
    engine.dispose()

    aside = set_aside(crashed, NOW)

    assert aside.name == "crashed.sqlite3.set-aside-20261123-093000"
    assert not crashed.exists() and not Path(f"{crashed}-wal").exists()
    with closing(sqlite3.connect(aside)) as connection:
        assert connection.execute("SELECT name FROM profile").fetchall() == [("only in the WAL",)]


def test_restore_writes_into_a_database_another_connection_has_open(
    engine: Engine, database_file: Path, tmp_path: Path
) -> None:
    _name_the_profile(engine, "before")
    copy = take_rolling_backup(database_file, tmp_path, NOW)
    _name_the_profile(engine, "after the backup")
    restore_database(copy, database_file)
    with engine.connect() as connection:  # the open engine sees the restored content
        assert connection.execute(text("SELECT name FROM profile")).scalar_one() == "before"
        check = connection.execute(text("PRAGMA integrity_check")).scalar_one()
    assert check == "ok"


def test_rolling_names_sort_by_time_and_prune_keeps_the_newest(
    database_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    same_second = [take_rolling_backup(database_file, folder, NOW) for _ in range(3)]
    later = take_rolling_backup(database_file, folder, NOW.replace(hour=10))
    assert [p.name for p in same_second] == [
        "planner-20261123-093000.sqlite3",
        "planner-20261123-093000-1.sqlite3",
        "planner-20261123-093000-2.sqlite3",
    ]
    assert list_backups(folder)[0].path == later
    removed = prune_backups(folder, 2)
    assert len(removed) == 2 and all(not p.exists() for p in removed)
    assert len(list_backups(folder)) == 2


def test_backup_times_are_read_from_their_names(database_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    take_rolling_backup(database_file, folder, NOW)
    (folder / "planner-20261399-093000.sqlite3").write_bytes(b"")  # our form, no real time
    (folder / "notes.sqlite3").write_bytes(b"")
    assert [(b.path.name, b.taken_at) for b in list_backups(folder)] == [
        ("planner-20261123-093000.sqlite3", NOW.replace(tzinfo=None))
    ]
