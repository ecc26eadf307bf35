"""Tests of opening the database: migration, refusals that leave the file alone, backups."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import Session, SQLModel, select

from planner.errors import StorageError, UnusableDatabaseError
from planner.store import (
    Plan,
    PlanStep,
    backup_before_migration,
    backup_database,
    database,
    head_revision,
    make_engine,
    open_database,
)
from planner.store.database import alembic_config

TABLES = {
    "alembic_version",
    "profile",
    "skill_rating",
    "held_certification",
    "plan",
    "plan_step",
    "user_resource",
    "custom_skill",
    "custom_role",
}
HEAD = "0005"  # the newest shipped revision


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql).fetchall()


def backups(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.bak"))


def add_plan_with_steps(engine: Engine, count: int = 3) -> None:
    with Session(engine) as session:
        plan = Plan(role_id="architect", hours_per_week=6, start_date=date(2025, 1, 6))
        session.add(plan)
        session.flush()
        assert plan.id is not None
        for position in range(count):
            session.add(
                PlanStep(
                    plan_id=plan.id,
                    position=position,
                    key=f"skill:s{position}",
                    kind="skill",
                    phase="foundations",
                    title=f"Step {position}",
                    hours=10,
                    reason="required",
                )
            )
        session.commit()


# --- a fresh database -------------------------------------------------------------------


@pytest.mark.parametrize("folder", ["plain", "spaces and # ? % & = in it"])
def test_a_new_file_is_created_and_migrated_to_head(tmp_path: Path, folder: str) -> None:
    path = tmp_path / folder / "planner.sqlite3"
    path.parent.mkdir()
    engine = open_database(path)
    try:
        assert set(inspect(engine).get_table_names()) == TABLES
    finally:
        engine.dispose()
    assert query(path, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    assert head_revision() == HEAD
    assert backups(path.parent) == []
    open_database(path).dispose()  # and it opens again (read-only check of an odd path)


def test_the_migrated_schema_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_the_migrations_go_down_and_up_again(engine: Engine) -> None:
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
        assert set(inspect(connection).get_table_names()) == {"alembic_version"}
        command.upgrade(alembic_config(connection), "head")
        assert set(inspect(connection).get_table_names()) == TABLES


@pytest.mark.parametrize("content", [b"", "valid-empty-sqlite"])
def test_an_empty_file_is_migrated(tmp_path: Path, content: bytes | str) -> None:
    path = tmp_path / "planner.sqlite3"
    if content == "valid-empty-sqlite":
        with closing(sqlite3.connect(path)) as connection:
            connection.execute("PRAGMA user_version = 0")
            connection.execute("VACUUM")  # writes the header: a valid database without tables
        assert path.stat().st_size > 0
    else:
        path.write_bytes(b"")
    open_database(path).dispose()
    assert query(path, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    assert backups(tmp_path) == []


# --- an existing database ---------------------------------------------------------------


def test_opening_a_migrated_file_twice_keeps_its_data(database_file: Path) -> None:
    engine = open_database(database_file)
    add_plan_with_steps(engine)
    engine.dispose()
    for _ in range(2):
        engine = open_database(database_file)
        with Session(engine) as session:
            assert len(session.exec(select(PlanStep)).all()) == 3
        engine.dispose()
    assert backups(database_file.parent) == []


def test_a_database_in_use_opens_again_and_sees_the_wal(database_file: Path) -> None:
    first = open_database(database_file)
    try:
        add_plan_with_steps(first)
        wal = database_file.with_name("planner.sqlite3-wal")
        assert wal.stat().st_size > 0  # the steps are still in the WAL, not in the file
        second = open_database(database_file)
        with Session(second) as session:
            assert len(session.exec(select(PlanStep)).all()) == 3
        second.dispose()
    finally:
        first.dispose()


def test_a_database_left_with_its_wal_after_a_crash_opens(
    database_file: Path, tmp_path: Path
) -> None:
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    engine = open_database(database_file)
    try:
        add_plan_with_steps(engine)
        # What a killed process leaves behind: the file and its WAL, no shared-memory index.
        shutil.copyfile(database_file, crashed / "planner.sqlite3")
        shutil.copyfile(
            database_file.with_name("planner.sqlite3-wal"), crashed / "planner.sqlite3-wal"
        )
    finally:
        engine.dispose()
    engine = open_database(crashed / "planner.sqlite3")
    with Session(engine) as session:
        assert len(session.exec(select(PlanStep)).all()) == 3
    engine.dispose()


def test_a_database_at_head_is_opened_without_alembic(
    database_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("alembic upgrade ran on a database already at head")

    monkeypatch.setattr("alembic.command.upgrade", fail)
    open_database(database_file).dispose()


# --- files that are not usable: refused, left byte for byte ------------------------------


def random_bytes(path: Path, template: Path) -> None:
    path.write_bytes(os.urandom(8192))


def truncated_header(path: Path, template: Path) -> None:
    path.write_bytes(template.read_bytes()[:50])


def truncated_pages(path: Path, template: Path) -> None:
    data = template.read_bytes()
    page_size = int.from_bytes(data[16:18], "big")
    assert len(data) > 3 * page_size
    path.write_bytes(data[: 2 * page_size])


def damaged_pages(path: Path, template: Path) -> None:
    data = bytearray(template.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[page_size:] = b"\xa5" * (len(data) - page_size)
    path.write_bytes(bytes(data))


def other_program(path: Path, template: Path) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO recipes (name) VALUES ('bread')")
        connection.commit()


def other_alembic_program(path: Path, template: Path, revision: str = "ae1027a6acf") -> None:
    other_program(path, template)
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        connection.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
        connection.commit()


def other_alembic_program_at_our_revision(path: Path, template: Path) -> None:
    other_alembic_program(path, template, revision=head_revision())


def newer_version(path: Path, template: Path) -> None:
    shutil.copyfile(template, path)
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
        connection.commit()


@pytest.mark.parametrize(
    ("make_file", "message"),
    [
        (random_bytes, "is not a planner database .it is not an SQLite file"),
        (truncated_header, "is truncated"),
        (truncated_pages, "is truncated"),
        (damaged_pages, "cannot be read as a database|is damaged"),
        (other_program, "is not a planner database .its tables belong to another program"),
        (other_alembic_program, "is not a planner database"),
        (other_alembic_program_at_our_revision, "is not a planner database"),
        (newer_version, "newer version"),
    ],
)
def test_an_unusable_file_is_refused_and_left_untouched(
    tmp_path: Path, template_database: Path, make_file: Callable[[Path, Path], None], message: str
) -> None:
    path = tmp_path / "planner.sqlite3"
    make_file(path, template_database)
    before = digest(path)
    with pytest.raises(UnusableDatabaseError, match=message) as caught:
        open_database(path)
    assert caught.value.path == path  # the window offers to set this file aside
    text = str(caught.value)
    assert str(path) in text
    assert "restore a backup" in text
    assert digest(path) == before
    assert backups(tmp_path) == []


def test_a_file_that_cannot_be_read_raises_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "planner.sqlite3"
    path.mkdir()
    with pytest.raises(StorageError, match=r"planner\.sqlite3"):
        open_database(path)


# --- backups ----------------------------------------------------------------------------


def test_backup_copies_a_database_in_use(engine: Engine, database_file: Path) -> None:
    add_plan_with_steps(engine)
    with Session(engine) as session:  # an open reader does not stop the copy
        session.exec(select(Plan)).all()
        target = backup_database(database_file, database_file.with_name("copy.sqlite3"))
    assert query(target, "SELECT count(*) FROM plan_step") == [(3,)]
    assert query(target, "PRAGMA integrity_check") == [("ok",)]
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_backup_never_overwrites(database_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "exists.bak"
    target.write_bytes(b"keep me")
    with pytest.raises(StorageError, match=r"exists\.bak"):
        backup_database(database_file, target)
    assert target.read_bytes() == b"keep me"


def test_backup_before_migration_names_the_revision_and_time(database_file: Path) -> None:
    now = datetime(2025, 3, 4, 5, 6, 7)
    first = backup_before_migration(database_file, "0001", now=now)
    second = backup_before_migration(database_file, "0001", now=now)
    assert first.name == "planner.sqlite3.before-0001-20250304-050607.bak"
    assert second.name == "planner.sqlite3.before-0001-20250304-050607-1.bak"
    assert first.parent == database_file.parent
    assert query(second, "SELECT version_num FROM alembic_version") == [(head_revision(),)]


# --- upgrading an older database (with a second revision shipped only to this test) ------

SECOND_REVISION = '''"""Test revision: copy the plan table (batch mode) and add a column."""

import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("colour", sa.String(), nullable=False, server_default=""))
    {extra}


def downgrade() -> None:
    with op.batch_alter_table("plan", recreate="always") as batch_op:
        batch_op.drop_column("colour")
'''


@pytest.fixture
def second_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Ship a copy of the migrations with a test revision 9999 after the head; its file."""
    folder = tmp_path / "100% migrations"  # "%" must survive Alembic's configparser
    shutil.copytree(database.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(database, "MIGRATIONS_DIR", folder)
    database._scripts.cache_clear()
    yield folder / "versions" / "9999_colour.py"
    database._scripts.cache_clear()


def ship(revision_file: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A newer planner: one more revision file, and the head revision it declares."""
    revision_file.write_text(text)
    monkeypatch.setattr(database, "HEAD_REVISION", "9999")
    database._scripts.cache_clear()


def test_the_declared_head_is_the_head_of_the_revision_files() -> None:
    # Opening a database at HEAD_REVISION skips Alembic: it must be the files' real head.
    database._scripts.cache_clear()
    assert database._scripts().head == database.HEAD_REVISION == head_revision() == HEAD


def test_an_older_database_is_backed_up_then_upgraded(
    database_file: Path,
    template_database: Path,
    second_revision: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = open_database(database_file)  # still at the head: 9999 is not written yet
    add_plan_with_steps(engine)
    engine.dispose()
    ship(second_revision, SECOND_REVISION.format(extra="", head=HEAD), monkeypatch)

    engine = open_database(database_file)
    try:
        assert head_revision() == "9999"
        with Session(engine) as session:
            connection = session.connection()
            assert connection.exec_driver_sql("SELECT count(*) FROM plan_step").scalar() == 3
            assert connection.exec_driver_sql("SELECT colour FROM plan").scalar() == ""
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()
    assert query(database_file, "SELECT version_num FROM alembic_version") == [("9999",)]
    [backup] = backups(database_file.parent)
    assert backup.name.startswith(f"planner.sqlite3.before-{HEAD}-")
    assert query(backup, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert query(backup, "SELECT count(*) FROM plan_step") == [(3,)]


def test_a_failed_upgrade_is_rolled_back_whole(
    database_file: Path, second_revision: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ship(
        second_revision,
        SECOND_REVISION.format(extra='op.execute("SELECT * FROM nowhere")', head=HEAD),
        monkeypatch,
    )
    with pytest.raises(StorageError, match="rolled back") as caught:
        open_database(database_file)
    [backup] = backups(database_file.parent)
    assert str(backup) in str(caught.value)
    assert query(database_file, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    columns = [row[1] for row in query(database_file, "PRAGMA table_info(plan)")]
    assert "colour" not in columns
    tables = query(database_file, "SELECT name FROM sqlite_master WHERE type = 'table'")
    assert {name for (name,) in tables} == TABLES  # no half-copied table left behind


def test_autogenerate_writes_migrations_free_of_model_imports(
    tmp_path: Path, second_revision: Path
) -> None:
    for script in second_revision.parent.glob("0*.py"):  # autogenerate from nothing
        script.unlink()
    database._scripts.cache_clear()
    engine = make_engine(tmp_path / "empty.sqlite3")
    try:
        with engine.begin() as connection:
            command.revision(
                alembic_config(connection), "initial", autogenerate=True, rev_id="0001"
            )
    finally:
        engine.dispose()
    [generated] = second_revision.parent.glob("0001_*.py")
    source = generated.read_text()
    assert "sa.DateTime()" in source
    assert "sa.String()" in source
    assert "sqlmodel" not in source
    assert "planner" not in source


def test_a_database_at_head_opens_without_alembic(template_database: Path) -> None:
    code = (
        "import sys\n"
        "from planner.store import open_database\n"
        f"open_database({str(template_database)!r}).dispose()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
