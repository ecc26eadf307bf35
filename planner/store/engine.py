"""Builds the SQLAlchemy engine for the planner's SQLite file (WAL, foreign keys on)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import URL
from sqlmodel import create_engine

from planner.errors import StorageError

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
    engine = create_engine(URL.create("sqlite", database=str(path)))
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def advice_for(error: BaseException) -> str:
    """What a person can do about a failed read or write of the database, from SQLite's words."""
    text = str(getattr(error, "orig", None) or error).casefold()
    if "disk is full" in text or "no space" in text or "too large" in text:
        return "Free some space on the disk, then try again"
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
    return "Check the disk and the file's permissions"


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
    connection.exec_driver_sql("BEGIN")
