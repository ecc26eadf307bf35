"""Tests of the engine: pragmas, file modes, real transactions, no work at import."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text
from sqlmodel import Session

from planner.errors import StorageError
from planner.store import make_engine

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def test_connections_use_wal_foreign_keys_and_full_sync(session: Session) -> None:
    connection = session.connection()

    def pragma(name: str) -> object:
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 2  # FULL
    assert pragma("busy_timeout") == 5000


@posix_only
def test_new_database_files_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    engine = make_engine(path)
    try:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        with engine.connect() as connection:
            connection.execute(text("CREATE TABLE t (x INTEGER)"))
            connection.commit()
            for companion in (path.with_name("new.sqlite3-wal"), path.with_name("new.sqlite3-shm")):
                assert stat.S_IMODE(companion.stat().st_mode) == 0o600
    finally:
        engine.dispose()


def test_engine_creation_does_not_connect(tmp_path: Path) -> None:
    path = tmp_path / "lazy.sqlite3"
    engine = make_engine(path)
    engine.dispose()
    assert path.stat().st_size == 0


def test_ddl_is_rolled_back_with_its_transaction(engine: Engine) -> None:
    # Python's sqlite3 module alone would have run CREATE TABLE outside any transaction.
    with engine.connect() as connection:
        connection.execute(text("CREATE TABLE scratch (x INTEGER)"))
        connection.rollback()
    assert "scratch" not in inspect(engine).get_table_names()


def test_savepoints_work(session: Session) -> None:
    session.connection().execute(text("CREATE TABLE scratch (x INTEGER)"))
    nested = session.begin_nested()
    session.connection().execute(text("INSERT INTO scratch VALUES (1)"))
    nested.rollback()
    session.connection().execute(text("INSERT INTO scratch VALUES (2)"))
    values = session.connection().execute(text("SELECT x FROM scratch")).scalars().all()
    assert values == [2]


def test_a_missing_folder_raises_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="missing"):
        make_engine(tmp_path / "missing" / "planner.sqlite3")


def test_importing_the_store_does_no_work_and_imports_no_qt() -> None:
    code = (
        "import sys, planner.store, planner.store.repository\n"
        "names = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'planner'))\n"
        "print(' '.join(names))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = result.stdout.split()
    allowed = ("planner", "planner.errors", "planner.store")
    assert not [name for name in loaded if name not in allowed and not name.startswith(allowed[2])]
    assert not [name for name in loaded if name.startswith("planner.store.migrations")]
