"""Builds the SQLAlchemy engine for the planner's SQLite file (WAL, foreign keys on)."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.errors import StorageError

if TYPE_CHECKING:  # imported where used: advice_for and is_damage serve reads without them
    from sqlalchemy import Connection, Engine

PRAGMAS = ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL", "busy_timeout=5000")


def make_engine(path: Path) -> Engine:
    """An engine on the SQLite file at ``path``; a missing file is created owner-only (0600).

    Every connection gets the ``PRAGMAS`` and real transactions (see ``_on_connect``).
    """
    path = Path(path)
    if not path.exists():
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise StorageError(
                f"Cannot create the database file {path}: {reason}. "
                "Check that its folder exists and that you can write to it."
            ) from exc
    from sqlalchemy import event
    from sqlalchemy.engine import URL
    from sqlmodel import create_engine

    engine = create_engine(URL.create("sqlite", database=str(path)))
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


# SQLite's primary result codes for a file that is itself damaged or not a database; any other
# failure (permissions, a full disk, a lock) is about where the file lives, not what it holds.
_DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
# Below this much free space an I/O error is taken for a full disk: SQLite reports running out
# of room for its shared-memory file as a plain "disk I/O error" (SQLITE_IOERR_SHMSIZE).
LOW_SPACE = 1 << 20


def _cause(error: BaseException) -> BaseException:
    """The driver's own error behind an SQLAlchemy one."""
    orig = getattr(error, "orig", None)
    return orig if isinstance(orig, BaseException) else error


def is_damage(error: BaseException) -> bool:
    """Whether SQLite says the file itself is damaged or not a database (not merely out of
    reach: unreadable, read-only, on a full disk, locked)."""
    code = getattr(_cause(error), "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in _DAMAGE_CODES


def _low_on_space(path: Path) -> bool:
    folder = Path(path).parent
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE
    except OSError:
        return False


def advice_for(error: BaseException, path: Path | None = None) -> str:
    """What a person can do about a failed read or write of the database, from SQLite's words
    (and, given the file's ``path``, from the free space on its disk)."""
    cause = _cause(error)
    text = str(cause).casefold()
    name = str(getattr(cause, "sqlite_errorname", ""))
    if (
        "disk is full" in text
        or "no space" in text
        or getattr(cause, "errno", None) == errno.ENOSPC
        or name == "SQLITE_FULL"
    ):
        return "Free some space on the disk, then try again"
    if name.startswith("SQLITE_IOERR") and path is not None and _low_on_space(path):
        return "The disk is full: free some space on it, then try again"
    if name == "SQLITE_READONLY_DIRECTORY" and path is not None:
        return (
            f"Make sure you can write to the folder {Path(path).parent} (SQLite keeps its "
            "journal files beside the database), or choose another data folder"
        )
    if (
        "readonly" in text
        or "read-only" in text
        or "unable to open" in text
        or "permission" in text
    ):
        return (
            "Make sure you can write to the file and to its folder, or choose another data folder"
        )
    if "locked" in text or "busy" in text:
        return "Another program is writing to it; try again in a moment"
    return "Check that the disk is not full and that you can write to the file and its folder"


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # WORKAROUND: Python's sqlite3 module (before 3.12's ``autocommit``) opens a transaction only
    # before INSERT/UPDATE/DELETE, so DDL (migrations) and SAVEPOINTs would run outside of one.
    # Turning its own handling off and emitting BEGIN in ``_on_begin`` is SQLAlchemy's
    # documented recipe; it makes every transaction, a migration included, all or nothing.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in PRAGMAS:
            cursor.execute(f"PRAGMA {pragma}")
    finally:
        cursor.close()


def _on_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock at BEGIN. A deferred transaction that reads, then writes
    # (most user actions, and Alembic's migration) fails at once with "database is locked" when
    # another process (a second window, the CLI) committed in between: SQLite cannot upgrade a
    # stale WAL snapshot, and the busy timeout does not apply. Taken up front, the lock is
    # waited for. A read-only file refuses the lock; reading it stays possible with a plain BEGIN.
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    try:
        raw.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if not exc.sqlite_errorname.startswith("SQLITE_READONLY"):
            raise
        raw.execute("BEGIN")
