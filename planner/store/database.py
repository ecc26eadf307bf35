"""Opens the planner's database: refuses what is not one, backs it up, migrates it to head."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from planner.errors import StorageError, UnusableDatabaseError
from planner.store.backup import backup_before_migration, read_only_uri
from planner.store.engine import advice_for, is_damage, make_engine

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest revision in migrations/versions. Opening a database already at it needs no
# Alembic (importing it and reading every revision file cost about a quarter of a second and
# 14 MB at each start); tests/store/test_database.py holds it equal to the head Alembic reads
# from the files. A new migration changes it.
HEAD_REVISION = "0005"
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
# Every planner database, of any revision, holds at least one of these (keep it so when a
# migration renames tables); a file stamped by Alembic without any is another program's.
PLANNER_TABLES = frozenset({"profile", "skill_rating", "held_certification", "plan", "plan_step"})

_TABLES_QUERY = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
_LEFT_ALONE = "The file was left as it is"
_WHAT_TO_DO = "restore a backup or start afresh (either sets the file aside, it is not deleted)"


class _Scripts(NamedTuple):
    head: str
    known: frozenset[str]


class _Stored(NamedTuple):
    """What an existing file holds: its Alembic revisions and the names of its tables."""

    revisions: frozenset[str]
    tables: frozenset[str]


class MigrationError(Exception):
    """An upgrade that could not be completed (Alembic's own error, or a check after it)."""


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code so that it works from a wheel or a bundle."""
    from alembic.config import Config

    config = Config()
    # The value goes through configparser, where "%" starts an interpolation.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _scripts() -> _Scripts:
    """Every shipped revision, read by Alembic from the files (only when a database is not
    at HEAD_REVISION: new, older, or from a newer version)."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    head = scripts.get_current_head()
    if head is None:  # pragma: no cover - the package always ships 0001
        raise RuntimeError(f"No migrations found in {MIGRATIONS_DIR}")
    return _Scripts(head, frozenset(script.revision for script in scripts.walk_revisions()))


def head_revision() -> str:
    """The revision the shipped migrations lead to."""
    return HEAD_REVISION


def open_database(path: Path) -> Engine:
    """An engine on the planner database at ``path``, created or upgraded to head.

    A file that is not a planner database, is damaged, or was written by a newer version
    raises StorageError and is left byte for byte as it was. An existing database that needs
    upgrading is first copied beside itself (``<name>.before-<revision>-<time>.bak``).
    """
    from sqlalchemy.exc import SQLAlchemyError

    path = Path(path)
    stored = _check(path)
    at_head = stored.revisions == {HEAD_REVISION}
    backup: Path | None = None
    upgrading = bool(stored.revisions) and not at_head
    if upgrading:
        backup = backup_before_migration(path, "+".join(sorted(stored.revisions)))
    engine = make_engine(path)
    try:
        with engine.connect():
            pass  # fails here, not in the first user action, if the file cannot be opened
        if not at_head:
            _upgrade(engine)
    except (SQLAlchemyError, MigrationError, sqlite3.Error, OSError) as exc:
        engine.dispose()
        copy = f"; the copy taken before it is {backup}" if backup else ""
        undone = f" The upgrade was rolled back{copy}." if upgrading else ""
        reason = getattr(exc, "orig", None) or exc  # SQLAlchemy's own text spans lines
        raise StorageError(
            f"Could not open {path}: {reason}.{undone} {advice_for(exc, path)}."
        ) from exc
    except BaseException:
        engine.dispose()
        raise
    return engine


def readable_at_head(path: Path) -> bool:
    """Whether ``path`` holds a planner database at this version's schema, so that it can be
    read as it is (``planner.store.reads``) without SQLAlchemy. False for a missing, empty or
    older file (``open_database`` creates or upgrades it); what cannot be opened at all
    raises as ``open_database`` would, and is left as it was."""
    stored = _check(Path(path))
    return stored.revisions == {HEAD_REVISION} and bool(stored.tables & PLANNER_TABLES)


def check_database(path: Path) -> None:
    """Raise UnusableDatabaseError unless ``path`` is a planner database this version can open
    (of this schema or an older one); the file is only read. Used to vet a backup to restore."""
    path = Path(path)
    if not _check(path).tables & PLANNER_TABLES:
        raise _refusal(path, "is not a planner database (it holds no planner data)")


def _check(path: Path) -> _Stored:
    stored = _read_stored(path)
    if stored.revisions and not stored.tables & PLANNER_TABLES:  # another Alembic user's file
        raise _refusal(path, "is not a planner database (its tables belong to another program)")
    unknown = stored.revisions - {HEAD_REVISION}
    if unknown:  # older or newer than this version: ask the files
        unknown -= _scripts().known
    if unknown:
        raise UnusableDatabaseError(
            f"{path} was written by a newer version of the planner (schema revision "
            f"{', '.join(sorted(unknown))}). {_LEFT_ALONE}; open it with that newer version, "
            f"or {_WHAT_TO_DO}.",
            path,
        )
    return stored


def _upgrade(engine: Engine) -> None:
    """Run ``alembic upgrade head`` in one transaction, foreign keys off as SQLite advises."""
    from alembic import command
    from alembic.util import CommandError

    with engine.connect() as connection:
        # Copying a table (batch mode) drops the old one; with foreign keys on, dropping `plan`
        # would cascade to its steps. The pragma cannot change inside a transaction, so it is
        # set on the driver's connection before BEGIN and checked for violations before COMMIT.
        raw = connection.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                try:
                    command.upgrade(alembic_config(connection), "head")
                except CommandError as exc:
                    raise MigrationError(str(exc)) from exc
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise MigrationError(f"the upgrade broke {len(broken)} foreign key(s)")
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def _refusal(path: Path, problem: str) -> UnusableDatabaseError:
    return UnusableDatabaseError(f"{path} {problem}. {_LEFT_ALONE}; {_WHAT_TO_DO}.", path)


def _read_stored(path: Path) -> _Stored:
    """Check the file at ``path`` without changing it (but for SQLite's own roll-back of a
    transaction a kill cut short); a missing or empty file holds nothing."""
    try:
        size = path.stat().st_size if path.exists() else 0
        if size == 0:
            return _Stored(frozenset(), frozenset())
        with path.open("rb") as file:
            header = file.read(HEADER_SIZE)
    except OSError as exc:
        raise StorageError(
            f"Cannot read {path}: {exc.strerror or exc}. Check the file's permissions."
        ) from exc
    if SQLITE_MAGIC.startswith(header):  # cut short inside its very first bytes
        raise _refusal(path, "is truncated: part of the file is missing")
    if not header.startswith(SQLITE_MAGIC):
        raise _refusal(path, "is not a planner database (it is not an SQLite file at all)")
    if len(header) < HEADER_SIZE or size < _expected_size(path, header):
        raise _refusal(path, "is truncated: part of the file is missing")
    try:
        with closing(sqlite3.connect(read_only_uri(path), uri=True)) as connection:
            check = connection.execute("PRAGMA quick_check").fetchall()
            if check != [("ok",)]:
                raise _refusal(path, f"is damaged ({check[0][0]})")
            tables = frozenset(name for (name,) in connection.execute(_TABLES_QUERY))
            revisions: frozenset[str] = frozenset()
            if "alembic_version" in tables:
                revisions = frozenset(
                    row[0] for row in connection.execute("SELECT version_num FROM alembic_version")
                )
    except sqlite3.Error as exc:
        if exc.sqlite_errorname == "SQLITE_READONLY_ROLLBACK" and _roll_back_hot_journal(path):
            return _read_stored(path)
        if not is_damage(exc):  # a sound file out of reach: read-only folder, full disk, lock
            raise StorageError(f"Cannot open {path}: {exc}. {advice_for(exc, path)}.") from exc
        raise _refusal(path, f"cannot be read as a database ({exc})") from exc
    if not revisions and tables - {"alembic_version"}:
        raise _refusal(path, "is not a planner database (its tables belong to another program)")
    return _Stored(revisions, tables)


def _roll_back_hot_journal(path: Path) -> bool:
    """Let SQLite roll back a transaction cut short in rollback-journal mode; True once done.

    A kill while a new file is being switched to WAL (its first write) leaves a hot journal,
    which a read-only connection may not roll back. SQLite's own recovery on a read-write
    connection puts the file back to its last committed state, as any next open would.
    """
    try:
        with closing(sqlite3.connect(path)) as connection:
            connection.execute("PRAGMA schema_version").fetchall()
    except sqlite3.Error:
        return False
    return not path.with_name(path.name + "-journal").exists()


def _expected_size(path: Path, header: bytes) -> int:
    """The size the header promises, or 0 when the header cannot tell (see the SQLite docs)."""
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and os.path.getsize(wal) > 0:
        return 0  # a checkpoint may have been cut short; the WAL still holds the pages
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    change_counter, valid_for = header[24:28], header[92:96]
    return page_size * pages if change_counter == valid_for else 0
